import type { Params } from "./params"
import type { Store } from "./store"
import type { StripeEvent } from "./types"

/** What an API handler may touch: the data, and the event stream. */
export interface HandlerContext {
  store: Store
  /** http://127.0.0.1:<port>, for hosted_invoice_url / invoice_pdf links. */
  baseUrl: string
  /** Every event so far, oldest first. */
  events(): StripeEvent[]
  /** Emits a Stripe event carrying a snapshot of `object`. */
  emit(type: string, object: object, previousAttributes?: Record<string, unknown>): void
}

/** An API endpoint: returns the JSON body of a 200 answer, or throws ApiError. */
export type Handler = (ctx: HandlerContext, params: Params, ids: string[]) => object
