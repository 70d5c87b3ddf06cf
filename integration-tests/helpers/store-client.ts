/**
 * A storefront's view of the hub: the standard Medusa store API, called over
 * HTTP exactly as a B2B storefront would. Used by the HTTP specs and the demo.
 */
export class HttpError extends Error {
  constructor(
    readonly status: number,
    readonly body: any,
    where: string
  ) {
    super(`${where} → ${status}: ${typeof body === "string" ? body : JSON.stringify(body)}`)
    this.name = "HttpError"
  }
}

export class StoreClient {
  token?: string

  constructor(
    readonly baseUrl: string,
    readonly publishableKey: string
  ) {}

  async request<T = any>(
    method: string,
    path: string,
    body?: unknown,
    extraHeaders: Record<string, string> = {}
  ): Promise<T> {
    const res = await fetch(`${this.baseUrl}${path}`, {
      method,
      headers: {
        "content-type": "application/json",
        "x-publishable-api-key": this.publishableKey,
        ...(this.token ? { authorization: `Bearer ${this.token}` } : {}),
        ...extraHeaders,
      },
      body: body === undefined ? undefined : JSON.stringify(body),
    })
    const text = await res.text()
    let parsed: any = text
    try {
      parsed = text ? JSON.parse(text) : undefined
    } catch {
      // keep the text
    }
    if (!res.ok) throw new HttpError(res.status, parsed, `${method} ${path}`)
    return parsed as T
  }

  async login(email: string, password: string): Promise<void> {
    const { token } = await this.request<{ token: string }>("POST", "/auth/customer/emailpass", { email, password })
    this.token = token
  }

  async createCart(input: {
    region_id: string
    items?: { variant_id: string; quantity: number }[]
    metadata?: Record<string, unknown>
  }) {
    return (await this.request("POST", "/store/carts", input)).cart
  }

  async addItem(cartId: string, variant_id: string, quantity: number) {
    return (await this.request("POST", `/store/carts/${cartId}/line-items`, { variant_id, quantity })).cart
  }

  async updateItemQuantity(cartId: string, lineId: string, quantity: number) {
    return (await this.request("POST", `/store/carts/${cartId}/line-items/${lineId}`, { quantity })).cart
  }

  /** Medusa's promotion codes on the cart (`POST /store/carts/:id/promotions`). */
  async applyPromotions(cartId: string, codes: string[]) {
    return (await this.request("POST", `/store/carts/${cartId}/promotions`, { promo_codes: codes })).cart
  }

  async getCart(cartId: string) {
    return (await this.request("GET", `/store/carts/${cartId}`)).cart
  }

  /**
   * Address, shipping method, promotion codes (after the shipping method, so
   * a shipping promotion has its target), a payment session with
   * `providerId`, then complete. Returns the order, or throws the completion
   * error.
   */
  async checkout(cartId: string, options: CheckoutOptions) {
    await this.prepareCheckout(cartId, options)
    const completed = await this.complete(cartId)
    if (completed.type !== "order")
      throw new HttpError(400, completed.error ?? completed, `POST /store/carts/${cartId}/complete`)
    return completed.order
  }

  /** Everything a checkout does before completing the cart. */
  async prepareCheckout(cartId: string, options: CheckoutOptions) {
    const address = options.address ?? {
      first_name: "Dana",
      last_name: "Buyer",
      company: "Acme Industrial",
      address_1: "500 Market St",
      city: "San Francisco",
      postal_code: "94105",
      country_code: "us",
    }
    await this.request("POST", `/store/carts/${cartId}`, {
      shipping_address: address,
      billing_address: address,
      ...(options.poNumber ? { metadata: { po_number: options.poNumber } } : {}),
    })
    const { shipping_options } = await this.request("GET", `/store/shipping-options?cart_id=${cartId}`)
    if (!shipping_options?.length) throw new Error("No shipping option for this cart")
    const option = options.shippingOptionId
      ? shipping_options.find((o: { id: string }) => o.id === options.shippingOptionId)
      : shipping_options[0]
    if (!option) throw new Error(`Shipping option ${options.shippingOptionId} is not offered for this cart`)
    await this.request("POST", `/store/carts/${cartId}/shipping-methods`, { option_id: option.id })
    if (options.promoCodes?.length) await this.applyPromotions(cartId, options.promoCodes)
    const { payment_collection } = await this.request("POST", "/store/payment-collections", { cart_id: cartId })
    await this.request("POST", `/store/payment-collections/${payment_collection.id}/payment-sessions`, {
      provider_id: options.providerId,
    })
  }

  /** `POST /store/carts/:id/complete`, its answer as is (`type: "order"` or `type: "cart"` with an error). */
  async complete(cartId: string) {
    return await this.request("POST", `/store/carts/${cartId}/complete`)
  }
}

export type CheckoutOptions = {
  providerId: string
  poNumber?: string
  address?: Record<string, string>
  shippingOptionId?: string
  promoCodes?: string[]
}

/** Polls `probe` until it returns a truthy value (or throws after timeoutMs). */
export async function waitFor<T>(
  probe: () => Promise<T | undefined | null | false> | T | undefined | null | false,
  timeoutMs = 15_000,
  what = "condition"
): Promise<T> {
  const deadline = Date.now() + timeoutMs
  let lastError: unknown
  while (Date.now() < deadline) {
    try {
      const value = await probe()
      if (value) return value as T
    } catch (e) {
      lastError = e
    }
    await new Promise((r) => setTimeout(r, 100))
  }
  throw new Error(`Timed out after ${timeoutMs} ms waiting for ${what}${lastError ? `: ${String(lastError)}` : ""}`)
}

/**
 * Waits, if need be, until the next `clearMs` are free of a scheduled job that
 * runs every `everyMinutes` on the wall clock (cron "*\/N * * * *"). A test that
 * needs a state the job would repair (a payment whose webhooks were lost, for
 * the invoices-reconcile job) must not straddle the job's run.
 */
export async function clearOfScheduledRun(everyMinutes: number, clearMs: number): Promise<void> {
  const period = everyMinutes * 60_000
  const sinceRun = Date.now() % period
  // A run that just started may still be working: keep 5 s after it too.
  if (sinceRun < 5_000) await new Promise((r) => setTimeout(r, 5_000 - sinceRun))
  else if (period - sinceRun < clearMs) await new Promise((r) => setTimeout(r, period - sinceRun + 5_000))
}
