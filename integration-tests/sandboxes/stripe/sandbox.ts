import type { FaultMode, FailSpec } from "./faults"
import type { FormObject } from "./form"
import type { CreditNoteObject, CustomerObject, InvoiceObject, StripeEvent } from "./types"
import type { DeliveryResult, EventRecord } from "./webhooks"

export interface StripeSandboxOptions {
  /** Port on 127.0.0.1; default: any free port. */
  port?: number
  /** Where events are POSTed; none = events are only recorded. */
  webhookUrl?: string
  /** whsec_… used to sign events; generated when omitted. */
  webhookSecret?: string
  /** Accepted secret-key prefix (default "sk_test_"). */
  apiKey?: string
  /** Deliver events as they happen (default true); false = keep them pending for deliver(ids). */
  autoDeliverEvents?: boolean
  /** Waits between webhook attempts (default [50, 200, 500] ms → 4 attempts). */
  webhookRetryDelaysMs?: number[]
  /** Per-attempt webhook timeout (default 2000 ms). */
  webhookTimeoutMs?: number
  /** Clock in ms (default Date.now); lets tests pin created/due dates. */
  now?: () => number
}

export interface RequestLogEntry {
  /** req_… — also the `request.id` of events this call emitted. */
  id: string
  /** ms since epoch when the request arrived. */
  at: number
  method: string
  /** Path without query string. */
  path: string
  idempotencyKey: string | null
  params: FormObject
  /** Status the client received; null = no answer (timeout / reset). */
  status: number | null
  /** The operation ran (or a stored answer was replayed). */
  executed: boolean
  replayed: boolean
  fault: FaultMode | null
}

export interface CallFilter {
  method?: string
  path?: string | RegExp
  idempotencyKey?: string
  executed?: boolean
}

export interface StripeSandbox {
  url: string
  port: number
  /** Spread into `new Stripe(key, { ...sbx.stripeClientOptions })`. */
  stripeClientOptions: { host: string; port: number; protocol: "http" }
  webhookSecret: string

  customers(): CustomerObject[]
  invoices(): InvoiceObject[]
  creditNotes(): CreditNoteObject[]
  /** Events oldest first, each with its delivery state and attempts. */
  events(): EventRecord[]
  requests(): RequestLogEntry[]
  callCount(filter?: CallFilter): number

  failNext(spec: FailSpec): void

  setWebhookUrl(url: string | undefined): void
  /** The buyer pays on the hosted page: open|uncollectible → paid, emits invoice.paid. */
  payInvoice(id: string): InvoiceObject
  /** Records (and, in auto mode, delivers) an arbitrary event, e.g. invoice.payment_failed. */
  emit(type: string, object: object): StripeEvent
  /** Delivers the same event id again. */
  resendEvent(id: string): Promise<DeliveryResult>
  /** Switches to manual delivery: later events stay pending. */
  deliverEventsManually(): void
  pendingEvents(): StripeEvent[]
  /** Delivers these events in exactly this order (each with retries). */
  deliver(eventIds: string[]): Promise<DeliveryResult[]>
  /** Manual mode: delivers all pending. Always: waits for in-flight deliveries and retries. */
  flushEvents(): Promise<void>
  close(): Promise<void>
}
