/**
 * One storefront checkout over Medusa's store API, one request at a time, so
 * that the bench can interleave two checkouts request by request: the
 * sequence of integration-tests/helpers/store-client.ts (checkout()), with
 * the cart filled the way a storefront fills it, one add-to-cart request per
 * line (Medusa 2.21's store API has no batch route for line items).
 *
 * Keep-alive HTTP through undici; every answer is read to its last byte
 * before the clock stops, and parsed only where the next request needs a
 * value from it (the new cart, the shipping options, the payment collection,
 * the completion): the 50-line carts the other requests answer with are not.
 */
import { performance } from "node:perf_hooks"
import type { Client } from "undici"
import { lineQuantity } from "./scenario"

export type Step = "create" | "add" | "address" | "options" | "shipping" | "collection" | "session" | "complete"
export const STEPS: Step[] = ["create", "add", "address", "options", "shipping", "collection", "session", "complete"]

export type Buyer = {
  name: string
  token: string
  publishableKey: string
  regionId: string
  shippingOptionId: string
  providerId: string
}

const ADDRESS = {
  first_name: "Dana",
  last_name: "Buyer",
  company: "Bench Industrial",
  address_1: "500 Market St",
  city: "San Francisco",
  postal_code: "94105",
  country_code: "us",
}

export class StoreDriver {
  constructor(private readonly http: Client) {}

  async login(publishableKey: string, email: string, password: string): Promise<string> {
    const { status, text } = await this.send("POST", "/auth/customer/emailpass", publishableKey, undefined, {
      email,
      password,
    })
    if (status !== 200) throw new Error(`login ${email} → ${status} ${text.slice(0, 300)}`)
    return JSON.parse(text).token
  }

  async get(buyer: Buyer, path: string): Promise<any> {
    const { status, text } = await this.send("GET", path, buyer.publishableKey, buyer.token)
    if (status !== 200) throw new Error(`GET ${path} → ${status} ${text.slice(0, 300)}`)
    return JSON.parse(text)
  }

  /** The request's milliseconds until its answer's last byte, and the answer (any status but 200 throws). */
  async timed(buyer: Buyer, method: string, path: string, body?: unknown): Promise<{ ms: number; text: string }> {
    const t0 = performance.now()
    const { status, text } = await this.send(method, path, buyer.publishableKey, buyer.token, body)
    const ms = performance.now() - t0
    if (status !== 200) throw new Error(`${buyer.name}: ${method} ${path} → ${status} ${text.slice(0, 500)}`)
    return { ms, text }
  }

  private async send(
    method: string,
    path: string,
    publishableKey: string,
    token?: string,
    body?: unknown
  ): Promise<{ status: number; text: string }> {
    const headers: Record<string, string> = { "x-publishable-api-key": publishableKey }
    if (token) headers.authorization = `Bearer ${token}`
    if (body !== undefined) headers["content-type"] = "application/json"
    const res = await this.http.request({
      method: method as "GET" | "POST",
      path,
      headers,
      body: body === undefined ? undefined : JSON.stringify(body),
    })
    return { status: res.statusCode, text: await res.body.text() }
  }
}

/**
 * A checkout as a list of requests, run one by one with `next()`: create the
 * cart, one add-to-cart per variant, addresses (with the PO number), shipping
 * options, shipping method, payment collection, payment session, complete.
 * Its time is the sum of its requests' times.
 */
export class Checkout {
  readonly steps = Object.fromEntries(STEPS.map((s) => [s, 0])) as Record<Step, number>
  /** Each add-to-cart request's milliseconds, in order. */
  readonly adds: number[] = []
  cartId = ""
  orderId = ""
  private collectionId = ""
  private done = 0

  constructor(
    private readonly store: StoreDriver,
    readonly buyer: Buyer,
    private readonly variantIds: string[],
    private readonly poNumber: string
  ) {}

  get requests(): number {
    return this.variantIds.length + 7
  }

  /** The step the next request belongs to. */
  get nextStep(): Step {
    const i = this.done
    const lines = this.variantIds.length
    if (i === 0) return "create"
    if (i <= lines) return "add"
    return STEPS[i - lines + 1]!
  }

  get totalMs(): number {
    return STEPS.reduce((sum, step) => sum + this.steps[step], 0)
  }

  async next(): Promise<void> {
    const step = this.nextStep
    const index = this.done++
    const cart = `/store/carts/${this.cartId}`
    const run = (method: string, path: string, body?: unknown) => this.store.timed(this.buyer, method, path, body)
    let answer: { ms: number; text: string }
    switch (step) {
      case "create":
        answer = await run("POST", "/store/carts", { region_id: this.buyer.regionId })
        this.cartId = JSON.parse(answer.text).cart.id
        break
      case "add":
        answer = await run("POST", `${cart}/line-items`, {
          variant_id: this.variantIds[index - 1],
          quantity: lineQuantity(index - 1),
        })
        this.adds.push(answer.ms)
        break
      case "address":
        answer = await run("POST", cart, {
          shipping_address: ADDRESS,
          billing_address: ADDRESS,
          metadata: { po_number: this.poNumber },
        })
        break
      case "options": {
        answer = await run("GET", `/store/shipping-options?cart_id=${this.cartId}`)
        const offered = JSON.parse(answer.text).shipping_options.map((o: { id: string }) => o.id)
        if (!offered.includes(this.buyer.shippingOptionId))
          throw new Error(`${this.buyer.name}: shipping option ${this.buyer.shippingOptionId} is not offered`)
        break
      }
      case "shipping":
        answer = await run("POST", `${cart}/shipping-methods`, { option_id: this.buyer.shippingOptionId })
        break
      case "collection":
        answer = await run("POST", "/store/payment-collections", { cart_id: this.cartId })
        this.collectionId = JSON.parse(answer.text).payment_collection.id
        break
      case "session":
        answer = await run("POST", `/store/payment-collections/${this.collectionId}/payment-sessions`, {
          provider_id: this.buyer.providerId,
        })
        break
      case "complete": {
        answer = await run("POST", `${cart}/complete`)
        const completed = JSON.parse(answer.text)
        if (completed.type !== "order")
          throw new Error(
            `${this.buyer.name}: complete → ${JSON.stringify(completed.error ?? completed).slice(0, 500)}`
          )
        this.orderId = completed.order.id
        break
      }
    }
    this.steps[step] += answer.ms
  }
}
