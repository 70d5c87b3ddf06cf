/**
 * The delivery pipeline. A batch of delivery ids is claimed from the store in
 * one call, then each delivery runs through typed stages:
 *
 *   prepareDelivery → sendDelivery → onDelivered | onDeliveryFailed
 *
 * and its result is recorded through the result batcher (many deliveries per
 * store write). `dispatchDelivery` is the summary of the whole flow.
 * @module
 */
import { randomUUID } from "node:crypto"
import { countsAgainstBreaker, verdictFor } from "./classify"
import type { BreakerRegistry, KeyedBreaker } from "../core/breaker-registry"
import { createEndpointGate } from "./endpoint-gate"
import type { EndpointGate, GateLimits, ShareOf } from "./endpoint-gate"
import { ClosedError, hasErrorCode } from "./errors"
import { isReservedHeader } from "./headers"
import { DEFAULT_DISABLE_AFTER_MS } from "./health"
import type { WebhookLogger } from "./log"
import { createResultBatcher } from "./result-batcher"
import type { CompletedDelivery, ScheduledRetry } from "./result-batcher"
import { DEFAULT_RETRY_SCHEDULE, isValidSchedule, nextDelay } from "./schedule"
import type { SendResult, Sender } from "./sender"
import { activeSecrets, parseSecret, signatureHeaders } from "./signing"
import type { AttemptRecord, DeliveryStore, DispatchableDelivery, DeliveryUpdate, WebhookEventPayload } from "./store"

export interface DispatcherOptions {
  store: DeliveryStore
  sender: Sender
  breakers: BreakerRegistry
  /** Per-endpoint admission; one is created (and owned) when absent. */
  gate?: EndpointGate
  /**
   * This process's part of each endpoint's limits, for the gate the
   * dispatcher creates (the worker membership's; default: all of them).
   * Ignored when `gate` is given.
   */
  share?: ShareOf
  /**
   * The worker to hand a delivery to when this process holds no part of its
   * endpoint's limits (the worker membership's); undefined: defer it as busy.
   */
  holderFor?: (endpointId: string, limits: GateLimits) => string | undefined
  /** Receives every delivery left pending (retries and deferrals); the worker enqueues them on the retry lane. */
  scheduleRetries?: (retries: readonly ScheduledRetry[]) => Promise<void>
  /** Claim length. Must exceed the admission wait + total HTTP timeout + a flush. Default 60 s. */
  leaseMs?: number
  /** In-flight cap, per process, for endpoints without their own. Default 32. */
  defaultMaxConcurrency?: number
  /**
   * Longest wait for an endpoint's admission before deferring, even while it
   * progresses (a stalled endpoint defers sooner). Default 10 s; with the
   * sender's 15 s timeout it stays well inside the default 60 s lease.
   * Ignored when `gate` is given.
   */
  maxAdmissionWaitMs?: number
  /** Continuous-failure window before an endpoint is disabled. Default 5 days. */
  disableAfterMs?: number
  /**
   * Deliveries claimed and not finished, over all batches of this process.
   * `admit` waits below it before claiming more (backpressure). Default 2,000.
   */
  maxInFlight?: number
  /**
   * Result batching: flush after this long or this many results. Defaults
   * 25 ms / 500: each store write has a fixed cost (a round trip, a commit)
   * that a larger batch shares; receivers have their request by then, only
   * the bookkeeping waits.
   */
  flushIntervalMs?: number
  maxFlushSize?: number
  /** One line per finished attempt, with the delivery's ids as fields. */
  logger?: WebhookLogger
  now?: () => number
  random?: () => number
}

export interface DispatchSummary {
  requested: number
  claimed: number
  delivered: number
  retrying: number
  deferred: number
  failed: number
}

export interface AdmittedBatch {
  requested: number
  claimed: number
  /** Resolves when every claimed delivery's result is persisted. */
  settled: Promise<DispatchSummary>
}

export interface Dispatcher {
  /** Claims and processes a batch of delivery ids; resolves when every result is persisted. */
  dispatch(ids: readonly string[]): Promise<DispatchSummary>
  /**
   * Waits until fewer than `maxInFlight` deliveries are in flight, claims the
   * batch and starts it; resolves once claimed. A queue job that only waits
   * for this is never held by a slow endpoint: the claim's lease in the store,
   * not the job, guards the delivery from then on, and the reconciler repairs
   * a process that dies with deliveries in flight.
   */
  admit(ids: readonly string[]): Promise<AdmittedBatch>
  /** Deliveries claimed and not finished in this process. */
  readonly inFlight: number
  /** The per-endpoint admission this dispatcher uses. */
  readonly gate: EndpointGate
  /** Waits for running batches and flushes pending results. */
  close(): Promise<void>
}

/** Lower bound for a breaker deferral, so a breaker about to half-open is not hammered. */
const MIN_DEFER_MS = 1_000
/** Base wait after an endpoint was at its concurrency/rate limit. */
const BUSY_DEFER_MS = 1_000
/** Base wait for an endpoint that is full and finishes nothing (a hanging receiver), until its timeouts open the breaker. */
const STALLED_DEFER_MS = 5_000
/** Stalled deferrals spread over +0–100%. */
const STALLED_DEFER_JITTER = 1
/** Busy deferrals spread over +0–50%, breaker deferrals over +0–100%, so a backlog does not return in one burst. */
const BUSY_DEFER_JITTER = 0.5
const BREAKER_DEFER_JITTER = 1
/**
 * A delivery handed to the worker that holds its endpoint's share is due at
 * once (that worker claims it within a heartbeat); a retry-lane job re-offers
 * it after this, should that worker have died meanwhile.
 */
const HAND_OVER_FALLBACK_MS = 5_000

interface ReadyDelivery {
  kind: "ready"
  delivery: DispatchableDelivery
  /** Secrets inside their validity window, already checked to parse. */
  secrets: string[]
  /** Endpoint-configured headers, minus the reserved ones. */
  headers: Record<string, string>
  limits: GateLimits
}

type Prepared =
  | ReadyDelivery
  | { kind: "unsendable"; result: SendResult }
  | { kind: "skipped"; completed: CompletedDelivery }

type Sent =
  | { kind: "sent"; result: SendResult; startedAt: number }
  | { kind: "deferred"; reason: "breaker_open" | "endpoint_busy"; delayMs: number; handOverTo?: string }

/** Carries a failed result through opossum so the breaker counts it; never escapes sendDelivery. */
class BreakerCountedFailure extends Error {
  constructor(readonly result: SendResult) {
    super(result.error ?? `HTTP ${result.status}`)
    this.name = "BreakerCountedFailure"
  }
}

export function createDispatcher(options: DispatcherOptions): Dispatcher {
  const {
    store,
    sender,
    breakers,
    scheduleRetries,
    leaseMs = 60_000,
    defaultMaxConcurrency = 32,
    maxAdmissionWaitMs = 10_000,
    disableAfterMs = DEFAULT_DISABLE_AFTER_MS,
    flushIntervalMs = 25,
    maxFlushSize = 500,
    maxInFlight = 2_000,
    now = Date.now,
    random = Math.random,
  } = options
  // One endpoint's queue may hold at most three quarters of the in-flight
  // budget, so a slow endpoint's backlog cannot crowd out every other one.
  const gate =
    options.gate ??
    createEndpointGate({
      maxWaitMs: maxAdmissionWaitMs,
      maxWaiting: Math.max(1, Math.floor((maxInFlight * 3) / 4)),
      share: options.share,
      now,
    })
  const ownsGate = !options.gate
  const results = createResultBatcher({
    store,
    scheduleRetries,
    maxBatch: maxFlushSize,
    flushIntervalMs,
    disableAfterMs,
    now,
  })
  const running = new Set<Promise<unknown>>()
  let closed = false
  let inFlight = 0
  // Batches waiting for in-flight capacity, oldest first.
  const capacityWaiters: (() => void)[] = []
  const wakeCapacityWaiters = () => {
    while (capacityWaiters.length > 0 && inFlight < maxInFlight) capacityWaiters.shift()!()
  }

  /**
   * Stage 1, before any I/O: decides whether the delivery can be sent and
   * builds what does not change between attempts. A disabled endpoint ends
   * the delivery here; a configuration problem becomes a failed attempt.
   */
  function prepareDelivery(delivery: DispatchableDelivery, claimToken: string): Prepared {
    const { endpoint } = delivery
    if (endpoint.disabled) {
      return {
        kind: "skipped",
        completed: {
          update: {
            ...base(delivery, claimToken, delivery.attempts),
            status: "failed",
            at: new Date(now()),
            reason: "endpoint_disabled",
          },
        },
      }
    }
    const secrets = activeSecrets(endpoint.secrets, now())
    if (secrets.length === 0) return unsendable("Endpoint has no active signing secret")
    try {
      secrets.forEach(parseSecret)
    } catch (err) {
      return unsendable((err as Error).message)
    }
    return {
      kind: "ready",
      delivery,
      secrets,
      headers: customHeaders(endpoint.headers),
      limits: {
        maxConcurrency: endpoint.maxConcurrency ?? defaultMaxConcurrency,
        ratePerSecond: endpoint.rateLimitPerSecond,
        // The default cap bounds this process's sockets; an endpoint's own limits are shared between workers.
        perProcess: endpoint.maxConcurrency === null || endpoint.maxConcurrency === undefined,
      },
    }
  }

  /**
   * Stage 2: admission (breaker, then the endpoint's concurrency/rate gate),
   * signing with this attempt's timestamp, and the HTTP call through the
   * breaker. An open breaker or a full gate defers the delivery without
   * spending an attempt.
   */
  async function sendDelivery(prepared: ReadyDelivery): Promise<Sent> {
    const { delivery } = prepared
    const breaker = breakers.get(delivery.endpoint.id)
    if (breaker.state() === "open") return deferForBreaker(breaker)
    const release = await gate.acquire(delivery.endpoint.id, prepared.limits)
    if (!release) {
      // Not this process's to send: another worker holds the endpoint's share.
      const holder = options.holderFor?.(delivery.endpoint.id, prepared.limits)
      if (holder) return { kind: "deferred", reason: "endpoint_busy", delayMs: 0, handOverTo: holder }
      // A hanging receiver waits for its timeouts to open the breaker; a busy one only for a slot.
      const delayMs = gate.stalled(delivery.endpoint.id)
        ? Math.round(STALLED_DEFER_MS * (1 + STALLED_DEFER_JITTER * random()))
        : Math.round(BUSY_DEFER_MS * (1 + BUSY_DEFER_JITTER * random()))
      return { kind: "deferred", reason: "endpoint_busy", delayMs }
    }
    const startedAt = now()
    try {
      const body = bodyBytes(delivery.event)
      const headers = {
        ...prepared.headers,
        ...signatureHeaders({
          id: delivery.event.id,
          timestamp: Math.floor(startedAt / 1000),
          body,
          secrets: prepared.secrets,
        }),
      }
      const result = await breaker.fire(async () => {
        const sent = await sender.send({ url: delivery.endpoint.url, headers, body })
        if (countsAgainstBreaker(sent.outcome)) throw new BreakerCountedFailure(sent)
        return sent
      })
      return { kind: "sent", result, startedAt }
    } catch (err) {
      if (err instanceof BreakerCountedFailure) return { kind: "sent", result: err.result, startedAt }
      // Opened (or was evicted) while this delivery waited for admission.
      if (hasErrorCode(err, "EOPENBREAKER") || hasErrorCode(err, "ESHUTDOWN")) return deferForBreaker(breaker)
      throw err
    } finally {
      release()
    }
  }

  /** Stage 3a: a 2xx. Ends the delivery and the endpoint's failure streak. */
  function onDelivered(
    delivery: DispatchableDelivery,
    claimToken: string,
    sent: Extract<Sent, { kind: "sent" }>
  ): CompletedDelivery {
    const attempts = delivery.attempts + 1
    return {
      update: { ...base(delivery, claimToken, attempts), status: "delivered", at: new Date(now()) },
      attempt: attemptRecord(delivery, attempts, sent.startedAt, sent.result),
      health: signal(delivery, "success"),
    }
  }

  /**
   * Stage 3b: anything else. 410 fails the delivery and disables the
   * endpoint; an oversized payload fails at once; otherwise the schedule
   * decides between a retry and `failed` (exhausted).
   */
  function onDeliveryFailed(
    delivery: DispatchableDelivery,
    claimToken: string,
    result: SendResult,
    startedAt: number
  ): CompletedDelivery {
    const attempts = delivery.attempts + 1
    const attempt = attemptRecord(delivery, attempts, startedAt, result)
    const at = new Date(now())
    const failed = (reason: "exhausted" | "endpoint_gone" | "payload_too_large"): DeliveryUpdate => ({
      ...base(delivery, claimToken, attempts),
      status: "failed",
      at,
      reason,
    })
    // Our own failures (no usable secret, a bug) say nothing about the endpoint.
    const health = result.outcome === "internal_error" ? undefined : signal(delivery, "failure")
    const verdict = verdictFor(result.outcome, result.retryAfterMs)
    if (verdict.kind === "disable_endpoint") {
      return { update: failed("endpoint_gone"), attempt, health: signal(delivery, "gone") }
    }
    if (verdict.kind === "give_up") return { update: failed("payload_too_large"), attempt }
    const next = nextDelay({
      attempt: attempts,
      schedule: scheduleOf(delivery),
      outcome: result.outcome,
      retryAfterMs: result.retryAfterMs,
      random,
    })
    if (next.kind === "exhausted") return { update: failed("exhausted"), attempt, health }
    return {
      update: {
        ...base(delivery, claimToken, attempts),
        status: "pending",
        nextAttemptAt: new Date(at.getTime() + next.delayMs),
      },
      attempt,
      health,
    }
  }

  /** One delivery, start to finish. Never rejects: a bug becomes a failed attempt, not a lost delivery. */
  async function dispatchDelivery(delivery: DispatchableDelivery, claimToken: string): Promise<CompletedDelivery> {
    const startedAt = now()
    try {
      const prepared = prepareDelivery(delivery, claimToken)
      if (prepared.kind === "skipped") return prepared.completed
      if (prepared.kind === "unsendable") return onDeliveryFailed(delivery, claimToken, prepared.result, startedAt)
      const sent = await sendDelivery(prepared)
      if (sent.kind === "deferred") {
        const at = now()
        return {
          update: {
            ...base(delivery, claimToken, delivery.attempts),
            status: "pending",
            nextAttemptAt: new Date(at + sent.delayMs),
            deferredBy: sent.reason,
          },
          ...(sent.handOverTo ? { handOver: { to: sent.handOverTo, fallbackAt: at + HAND_OVER_FALLBACK_MS } } : {}),
        }
      }
      return sent.result.outcome === "success"
        ? onDelivered(delivery, claimToken, sent)
        : onDeliveryFailed(delivery, claimToken, sent.result, sent.startedAt)
    } catch (err) {
      return onDeliveryFailed(delivery, claimToken, internalError(String((err as Error)?.message ?? err)), startedAt)
    }
  }

  /** Claims `ids` (after waiting for capacity) and starts each claimed delivery. */
  async function admitBatch(ids: readonly string[]): Promise<AdmittedBatch> {
    const unique = [...new Set(ids)]
    while (inFlight >= maxInFlight) await new Promise<void>((resolve) => capacityWaiters.push(resolve))
    const at = now()
    const claimToken = randomUUID()
    // What this process cannot send now stays unclaimed and untouched: no
    // lease, no deferral write, no retry job; another worker or the
    // reconciler offers it again. A breaker's half-open trial is not skipped.
    const skip = [...breakers.openKeys(), ...gate.stalledEndpointIds()]
    const deliveries = await store.loadForDispatch(unique, {
      now: new Date(at),
      leaseUntil: new Date(at + leaseMs),
      claimToken,
      ...(skip.length ? { skipEndpointIds: skip } : {}),
    })
    inFlight += deliveries.length
    const completed = Promise.all(
      deliveries.map(async (delivery) => {
        try {
          const done = await dispatchDelivery(delivery, claimToken)
          if (options.logger) logOutcome(options.logger, delivery, done)
          await results.add(done)
          return done
        } finally {
          inFlight--
          wakeCapacityWaiters()
        }
      })
    )
    const settled = completed.then((done) => summarize(unique.length, done))
    return { requested: unique.length, claimed: deliveries.length, settled }
  }

  function summarize(requested: number, completed: readonly CompletedDelivery[]): DispatchSummary {
    const summary: DispatchSummary = {
      requested,
      claimed: completed.length,
      delivered: 0,
      retrying: 0,
      deferred: 0,
      failed: 0,
    }
    for (const { update } of completed) {
      if (update.status === "delivered") summary.delivered++
      else if (update.status === "failed") summary.failed++
      else if (update.deferredBy) summary.deferred++
      else summary.retrying++
    }
    return summary
  }

  function track<T>(run: Promise<T>): Promise<T> {
    running.add(run)
    void run.catch(() => undefined).finally(() => running.delete(run))
    return run
  }

  function deferForBreaker(breaker: KeyedBreaker): Sent {
    const wait = Math.max(MIN_DEFER_MS, breaker.deferralMs())
    // Wide jitter: a dead endpoint's whole backlog should not return at the same instant.
    const delayMs = Math.round(wait * (1 + BREAKER_DEFER_JITTER * random()))
    return { kind: "deferred", reason: "breaker_open", delayMs }
  }

  function unsendable(error: string): Prepared {
    return { kind: "unsendable", result: internalError(error) }
  }

  function attemptRecord(
    delivery: DispatchableDelivery,
    attemptNumber: number,
    startedAt: number,
    result: SendResult
  ): AttemptRecord {
    return {
      deliveryId: delivery.id,
      endpointId: delivery.endpoint.id,
      attemptNumber,
      startedAt: new Date(startedAt),
      durationMs: result.durationMs,
      outcome: result.outcome,
      status: result.status,
      responseBody: result.responseBody,
      error: result.error ?? null,
    }
  }

  return {
    dispatch(ids) {
      if (closed) return Promise.reject(new ClosedError("Dispatcher is closed"))
      return track(admitBatch(ids).then((batch) => batch.settled))
    },
    admit(ids) {
      if (closed) return Promise.reject(new ClosedError("Dispatcher is closed"))
      const batch = admitBatch(ids)
      track(batch.then((b) => b.settled))
      return batch
    },
    get inFlight() {
      return inFlight
    },
    gate,
    async close() {
      closed = true
      // Batches still waiting for capacity are admitted as deliveries finish.
      while (running.size > 0) await Promise.allSettled([...running])
      await results.drain()
      if (ownsGate) gate.close()
    },
  }
}

/**
 * An event's body as UTF-8, encoded once for all its deliveries (the store
 * hands one event object to every delivery of it in a batch) instead of once
 * for the signature and once for the socket per delivery.
 */
const encodedBodies = new WeakMap<WebhookEventPayload, Buffer>()
function bodyBytes(event: WebhookEventPayload): Buffer {
  let bytes = encodedBodies.get(event)
  if (!bytes) {
    bytes = Buffer.from(event.body)
    encodedBodies.set(event, bytes)
  }
  return bytes
}

function base(delivery: DispatchableDelivery, claimToken: string, attempts: number) {
  return { deliveryId: delivery.id, endpointId: delivery.endpoint.id, claimToken, attempts }
}

function signal(delivery: DispatchableDelivery, kind: "success" | "failure" | "gone") {
  return {
    endpointId: delivery.endpoint.id,
    deliveryId: delivery.id,
    kind,
    failingSince: delivery.endpoint.failingSince ?? null,
  }
}

function scheduleOf(delivery: DispatchableDelivery): readonly number[] {
  const custom = delivery.endpoint.retrySchedule
  return custom && isValidSchedule(custom) ? custom : DEFAULT_RETRY_SCHEDULE
}

function internalError(error: string): SendResult {
  return { outcome: "internal_error", status: null, durationMs: 0, responseBody: null, error }
}

function customHeaders(headers: Readonly<Record<string, string>> | null | undefined): Record<string, string> {
  const out: Record<string, string> = {}
  for (const [key, value] of Object.entries(headers ?? {})) {
    // Endpoints are checked when saved; this keeps the signature headers ours whatever is stored.
    if (!isReservedHeader(key)) out[key.toLowerCase()] = value
  }
  return out
}

/**
 * A delivery's outcome as one log line: delivered (info), retrying or failed
 * (warn), deferred without an attempt (debug: a busy endpoint defers many).
 * The receiver's response body stays in the attempt log, out of the logs.
 */
function logOutcome(logger: WebhookLogger, delivery: DispatchableDelivery, done: CompletedDelivery): void {
  const { update, attempt } = done
  const fields: Record<string, unknown> = {
    delivery_id: delivery.id,
    event_id: delivery.event.id,
    event_type: delivery.event.type,
    endpoint_id: delivery.endpoint.id,
    attempt: update.attempts,
    ...(attempt ? { outcome: attempt.outcome, http_status: attempt.status, duration_ms: attempt.durationMs } : {}),
  }
  if (update.status === "delivered") return logger.info("webhook delivered", fields)
  if (update.status === "failed")
    return logger.warn(`webhook delivery failed: ${update.reason}`, { ...fields, error: attempt?.error ?? undefined })
  if (update.deferredBy) return logger.debug(`webhook delivery deferred: ${update.deferredBy}`, fields)
  logger.warn("webhook delivery will be retried", {
    ...fields,
    error: attempt?.error ?? undefined,
    next_attempt_at: update.nextAttemptAt?.toISOString(),
  })
}
