/**
 * The persistence contract. The app owns the Postgres outbox (events,
 * deliveries, attempts, endpoints) and implements `DeliveryStore`; the
 * library only reads and writes through these two batch methods.
 *
 * Delivery lifecycle: `pending` → `delivered` | `failed` (the dead-letter
 * state). A pending delivery has `attempts` (made so far) and
 * `next_attempt_at`; BullMQ jobs only carry delivery ids, and the app's
 * reconciler re-enqueues pending deliveries that are due but not queued.
 * @module
 */
import type { DeliveryOutcome } from "../core/outcome"
import type { EndpointSecret } from "./signing"

export const ENDPOINT_DISABLED_EVENT = "webhook.endpoint.disabled"

/** What the dispatcher needs to know about an endpoint, loaded with each delivery. */
export interface EndpointConfig {
  id: string
  url: string
  /** Current and rotated-out secrets; those inside their grace period sign too. */
  secrets: readonly EndpointSecret[]
  /** Deliveries to a disabled endpoint fail with reason `endpoint_disabled`, unsent. */
  disabled: boolean
  /** Delays before each attempt (ms). Null/invalid → DEFAULT_RETRY_SCHEDULE. */
  retrySchedule?: readonly number[] | null
  /** Requests in flight per worker process. Null → the dispatcher's default (32). */
  maxConcurrency?: number | null
  /** Request starts per second per worker process. Null → unlimited. */
  rateLimitPerSecond?: number | null
  /** Extra static request headers; `webhook-*`, content-type and the like cannot be overridden. */
  headers?: Readonly<Record<string, string>> | null
  /** Start of the current failure streak; null while the endpoint is healthy. */
  failingSince?: Date | null
}

export interface WebhookEventPayload {
  /** Sent as `webhook-id`: identical on every retry and the receiver's idempotency key. No ".". */
  id: string
  /** e.g. "order.placed". */
  type: string
  /** The exact JSON text to send (and sign). */
  body: string
}

export interface DispatchableDelivery {
  id: string
  /** Attempts already made (0 for a first attempt). */
  attempts: number
  /** Deliveries of one event in a batch may share this object (its body is then encoded once). */
  event: WebhookEventPayload
  /** Deliveries to one endpoint in a batch may share this object. */
  endpoint: EndpointConfig
}

export interface DispatchClaim {
  now: Date
  /** Other workers must not claim the delivery before this. */
  leaseUntil: Date
  /** Identifies this claim; results carry it back. */
  claimToken: string
  /**
   * Endpoints this worker cannot send to right now (breaker open, receiver
   * hanging): leave their deliveries unclaimed and untouched. They stay
   * pending and due, for another worker or the reconciler.
   */
  skipEndpointIds?: readonly string[]
}

/** One row of the attempt log. */
export interface AttemptRecord {
  deliveryId: string
  endpointId: string
  /** 1-based; (deliveryId, attemptNumber) is unique. */
  attemptNumber: number
  startedAt: Date
  durationMs: number
  outcome: DeliveryOutcome
  status: number | null
  /** Truncated by the sender (`maxResponseBytes`). */
  responseBody: string | null
  error: string | null
}

export type DeliveryFailureReason =
  | "exhausted" // every attempt of the schedule failed
  | "endpoint_gone" // the receiver answered 410 Gone
  | "endpoint_disabled" // the endpoint was disabled before this attempt
  | "payload_too_large" // the body exceeds the sender's limit; retrying cannot help

interface DeliveryUpdateBase {
  deliveryId: string
  endpointId: string
  /** The claim this result belongs to. */
  claimToken: string
  /** Attempts made, including this one. */
  attempts: number
}

export type DeliveryUpdate =
  | (DeliveryUpdateBase & { status: "delivered"; at: Date })
  | (DeliveryUpdateBase & {
      status: "pending"
      nextAttemptAt: Date
      /** Set when rescheduled without an attempt (breaker open, endpoint at its limit). */
      deferredBy?: "breaker_open" | "endpoint_busy"
    })
  | (DeliveryUpdateBase & { status: "failed"; at: Date; reason: DeliveryFailureReason })

/** Emitted (by the store, transactionally) when an endpoint goes from enabled to disabled. */
export interface EndpointDisabledEvent {
  name: typeof ENDPOINT_DISABLED_EVENT
  endpointId: string
  /** `gone`: the receiver answered 410; `failing`: only failures for `disableAfterMs`. */
  reason: "gone" | "failing"
  disabledAt: Date
  failingSince: Date | null
  /** The delivery whose result triggered the decision. */
  deliveryId: string
}

export type EndpointHealthUpdate =
  /** Clear `failing_since`. */
  | { endpointId: string; kind: "recovered"; at: Date }
  /** Set `failing_since = COALESCE(failing_since, at)`; with `restart`, set it to `at`. */
  | { endpointId: string; kind: "failing"; at: Date; restart: boolean }
  /** Disable the endpoint and emit `event`, only if it is not disabled yet. */
  | { endpointId: string; kind: "disable"; at: Date; event: EndpointDisabledEvent }

export interface ResultBatch {
  attempts: AttemptRecord[]
  deliveries: DeliveryUpdate[]
  endpoints: EndpointHealthUpdate[]
}

export interface DeliveryStore {
  /**
   * Claims the deliveries among `ids` that are `pending`, due
   * (`next_attempt_at <= claim.now`), not leased (`lease_until` null or
   * `< claim.now`) and not for an endpoint in `claim.skipEndpointIds`, sets their lease to `claim.leaseUntil` / `claim.claimToken`,
   * and returns them with their event and endpoint. Unknown, finished, not-due
   * and leased ids are silently left out, which makes duplicate jobs and
   * concurrent workers harmless. One statement per batch is expected, e.g.
   * `UPDATE … WHERE id = ANY($1) AND … RETURNING …` joined to event/endpoint.
   */
  loadForDispatch(ids: readonly string[], claim: DispatchClaim): Promise<DispatchableDelivery[]>

  /**
   * Persists a batch of results, ideally in one transaction:
   * - insert `attempts` (ignore conflicts on (deliveryId, attemptNumber));
   * - apply each delivery update only if the row is still `pending` and still
   *   carries `claimToken` (a worker whose lease expired must not overwrite a
   *   newer claim), then clear the lease;
   * - apply endpoint health updates as documented on `EndpointHealthUpdate`;
   *   a `disable` that actually flips the endpoint emits `event`
   *   (`webhook.endpoint.disabled`) exactly once, e.g. via the app's event bus
   *   or outbox in the same transaction.
   * Must be idempotent: the same batch may be recorded twice after a crash.
   */
  recordResults(batch: ResultBatch): Promise<void>
}
