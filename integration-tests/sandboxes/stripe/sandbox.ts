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
  /** Keep every answer's JSON body on its request log entry (`response`); default false. */
  recordResponses?: boolean
}

/**
 * An answer or event the sandbox produced that breaks the contract
 * (openapi/contract.ts): a sandbox bug. The client got a 500 (or the emitting
 * call threw) instead of the object.
 */
export interface ContractViolation {
  at: number
  /** req_… of the API call; null for events emitted outside a request. */
  requestId: string | null
  /** "POST /v1/invoices", or "event invoice.paid". */
  source: string
  problems: string[]
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
  /** The contract endpoint the call matched, e.g. "POST /v1/invoices/{invoice}/add_lines"; absent for unknown URLs. */
  endpoint?: string
  /** The answer's body, when the sandbox was started with `recordResponses`. */
  response?: string
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
  /** Contract violations so far (sandbox bugs); a clean run has none. */
  contractViolations(): ContractViolation[]

  failNext(spec: FailSpec): void
  /**
   * Moves Stripe's clock forward by `seconds`; returns the new time (Unix
   * seconds). Everything dated by the sandbox follows: idempotency keys saved
   * 24 h or more before are pruned (the next call with one runs anew), and new
   * objects, events and webhook signatures (t=) carry the later time — a
   * receiver checking the signature's age against its own clock refuses
   * events signed after a large advance.
   */
  advanceClock(seconds: number): number

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
