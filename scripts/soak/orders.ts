/**
 * The load: B2B checkouts through Medusa's store API at a steady rate, as the demo's buyer
 * (contract prices, net terms, a PO number), and now and then a member of staff changing a
 * placed order's shipping address, which gives the order a new version its ERP record must follow.
 */
import { HttpError, StoreClient } from "../../integration-tests/helpers/store-client"
import { NET_TERMS_PROVIDER_ID } from "../../src/modules/providers/net-terms/constants"
import { call, staffHeaders } from "../demo/http"

/** What the placer saw; the orders themselves are read back from the database at the end. */
export interface LoadStats {
  /** Checkouts started. */
  started: number
  /** Orders the store API answered with. */
  placed: number
  /** Checkouts that failed (a fault can break a request: the buyer would try again). */
  failed: number
  /** Ticks skipped because `maxInFlight` checkouts were still under way. */
  behind: number
  /** Orders whose shipping address staff changed, with the address line the ERP must end on. */
  updated: Map<string, string>
  /** Staff changes that failed. */
  updateFailures: number
  /** Latest error messages, for the progress lines. */
  lastError?: string
}

export interface OrderPlacerInput {
  hubUrl: string
  seed: any
  ordersPerSecond: number
  maxInFlight: number
  updateEvery: number
}

/** A storefront buying at a steady rate until `stop()`; `stop()` waits for the checkouts under way. */
export class OrderPlacer {
  readonly stats: LoadStats = { started: 0, placed: 0, failed: 0, behind: 0, updated: new Map(), updateFailures: 0 }
  private readonly store: StoreClient
  private readonly inFlight = new Set<Promise<void>>()
  private timer?: NodeJS.Timeout
  private staff?: Promise<Record<string, string>>
  private onFirstOrder?: () => void
  /** Resolves when the first order is placed: the faults start from there, on a warm hub. */
  readonly firstOrder = new Promise<void>((resolve) => (this.onFirstOrder = resolve))

  constructor(private readonly input: OrderPlacerInput) {
    this.store = new StoreClient(input.hubUrl, input.seed.publishable_key)
  }

  async start(): Promise<void> {
    await this.store.login(this.input.seed.buyer.email, this.input.seed.buyer.password)
    this.timer = setInterval(() => this.tick(), 1000 / this.input.ordersPerSecond)
    this.tick()
  }

  async stop(): Promise<void> {
    clearInterval(this.timer)
    await Promise.allSettled([...this.inFlight])
  }

  private tick(): void {
    if (this.inFlight.size >= this.input.maxInFlight) {
      this.stats.behind += 1
      return
    }
    const n = ++this.stats.started
    const checkout = this.placeOrder(n)
      .catch((e) => {
        this.stats.failed += 1
        this.stats.lastError = e instanceof HttpError ? `${e.status} ${e.message.slice(0, 160)}` : String(e)
      })
      .finally(() => this.inFlight.delete(checkout))
    this.inFlight.add(checkout)
  }

  private async placeOrder(n: number): Promise<void> {
    const { seed } = this.input
    const [kit, gloves] = seed.variants
    const cart = await this.store.createCart({
      region_id: seed.region_id,
      items: [
        { variant_id: kit.id, quantity: 1 + (n % 5) },
        { variant_id: gloves.id, quantity: 10 + (n % 7) },
      ],
    })
    await this.store.prepareCheckout(cart.id, {
      providerId: NET_TERMS_PROVIDER_ID,
      poNumber: `SOAK-${n}`,
      shippingOptionId: seed.erp_shipping_option_id,
    })
    const completed = await this.store.complete(cart.id)
    if (completed.type !== "order")
      throw new Error(`cart ${cart.id} did not become an order: ${JSON.stringify(completed)}`)
    this.stats.placed += 1
    this.onFirstOrder?.()
    if (this.input.updateEvery > 0 && n % this.input.updateEvery === 0) await this.changeAddress(completed.order.id, n)
  }

  /** Staff move the delivery to another dock: `order.updated`, a new order version for the ERP. */
  private async changeAddress(orderId: string, n: number): Promise<void> {
    const address_2 = `Dock ${n}`
    try {
      this.staff ??= staffHeaders(this.input.hubUrl, this.input.seed)
      await call(`${this.input.hubUrl}/admin/orders/${orderId}`, {
        method: "POST",
        headers: await this.staff,
        json: { shipping_address: { address_2 } },
      })
      this.stats.updated.set(orderId, address_2)
    } catch (e) {
      this.stats.updateFailures += 1
      this.stats.lastError = `update ${orderId}: ${String(e).slice(0, 160)}`
    }
  }
}
