/**
 * One opossum circuit breaker per endpoint, in a bounded LRU map.
 *
 * Tuned for many endpoints (opossum issues #799, #809): one shared
 * `rotateBucketController` ticks every breaker's rolling window, so 10,000
 * breakers cost one interval instead of 10,000; snapshots and latency
 * percentiles are off; evicted breakers are `shutdown()` so they drop their
 * listeners and timers. A fresh breaker needs `volumeThreshold` calls in the
 * window before it may open (opossum's default 0 opens on the first failure).
 * Opossum's own timeout is off: the HTTP sender owns connect/total timeouts.
 * @module
 */
import { EventEmitter } from "node:events"
import CircuitBreaker from "opossum"
import { ClosedError } from "./errors"

export interface BreakerRegistryOptions {
  /** Breakers kept; the least recently used is shut down beyond this. Default 10,000. */
  maxBreakers?: number
  /** Calls in the rolling window before the breaker may open. Default 10. */
  volumeThreshold?: number
  /** Failure percentage in the window that opens the breaker. Default 50. */
  errorThresholdPercentage?: number
  /** Open time before one trial call is let through (half-open). Default 30 s. */
  resetTimeoutMs?: number
  /** Rolling window length. Default 10 s. */
  rollingCountTimeoutMs?: number
  /** Buckets in the rolling window. Default 10. */
  rollingCountBuckets?: number
  /** Clock for `deferralMs`; injectable for tests. */
  now?: () => number
}

export type BreakerState = "closed" | "open" | "half-open"

export type BreakerAction = () => Promise<unknown>

export interface EndpointBreaker {
  readonly endpointId: string
  readonly breaker: CircuitBreaker<[BreakerAction], unknown>
  state(): BreakerState
  /**
   * How long a delivery turned away by this breaker should wait: the time
   * left until half-open while open, half the reset timeout while a half-open
   * trial is in flight (its result is unknown yet), 0 when closed.
   */
  deferralMs(): number
  /** Runs `action` through the breaker; rejects with code EOPENBREAKER when open. */
  fire<T>(action: () => Promise<T>): Promise<T>
}

export interface BreakerRegistry {
  /** The endpoint's breaker, created on first use; marks it most recently used. */
  get(endpointId: string): EndpointBreaker
  /** The endpoint's breaker if one exists, without creating or touching it. */
  peek(endpointId: string): EndpointBreaker | undefined
  /** Endpoints whose breaker is open right now (not half-open). */
  openEndpointIds(): string[]
  readonly size: number
  /** Shuts every breaker down and stops the shared ticker. */
  close(): void
}

const ROTATE_EVENT = "rotate" // the event name opossum's Status listens for

export function createBreakerRegistry(options: BreakerRegistryOptions = {}): BreakerRegistry {
  const {
    maxBreakers = 10_000,
    volumeThreshold = 10,
    errorThresholdPercentage = 50,
    resetTimeoutMs = 30_000,
    rollingCountTimeoutMs = 10_000,
    rollingCountBuckets = 10,
    now = Date.now,
  } = options
  const entries = new Map<string, EndpointBreaker>()
  const open = new Set<string>()
  const rotator = new EventEmitter()
  rotator.setMaxListeners(0) // one listener per breaker is the point
  let ticker: NodeJS.Timeout | undefined
  let closed = false

  const startTicker = () => {
    if (ticker) return
    ticker = setInterval(() => rotator.emit(ROTATE_EVENT), rollingCountTimeoutMs / rollingCountBuckets)
    ticker.unref()
  }

  const create = (endpointId: string): EndpointBreaker => {
    const breaker = new CircuitBreaker<[BreakerAction], unknown>((action) => action(), {
      name: endpointId,
      timeout: false,
      volumeThreshold,
      errorThresholdPercentage,
      resetTimeout: resetTimeoutMs,
      rollingCountTimeout: rollingCountTimeoutMs,
      rollingCountBuckets,
      rollingPercentilesEnabled: false,
      enableSnapshots: false,
      rotateBucketController: rotator,
    })
    // opossum keeps the open time privately (and its typings get it wrong).
    let openedAt = 0
    breaker.on("open", () => {
      openedAt = now()
      open.add(endpointId)
    })
    breaker.on("halfOpen", () => open.delete(endpointId))
    breaker.on("close", () => open.delete(endpointId))
    breaker.on("shutdown", () => open.delete(endpointId))
    return {
      endpointId,
      breaker,
      state: () => (breaker.opened ? "open" : breaker.halfOpen ? "half-open" : "closed"),
      deferralMs: () => {
        if (breaker.opened) return Math.max(1, openedAt + resetTimeoutMs - now())
        return breaker.halfOpen ? resetTimeoutMs / 2 : 0
      },
      fire: <T>(action: () => Promise<T>) => breaker.fire(action) as Promise<T>,
    }
  }

  return {
    get(endpointId) {
      if (closed) throw new ClosedError("Breaker registry is closed")
      const existing = entries.get(endpointId)
      if (existing) {
        entries.delete(endpointId)
        entries.set(endpointId, existing)
        return existing
      }
      startTicker()
      const entry = create(endpointId)
      entries.set(endpointId, entry)
      if (entries.size > maxBreakers) {
        const [oldestId, oldest] = entries.entries().next().value as [string, EndpointBreaker]
        entries.delete(oldestId)
        oldest.breaker.shutdown()
      }
      return entry
    },
    peek: (endpointId) => entries.get(endpointId),
    openEndpointIds: () => [...open],
    get size() {
      return entries.size
    },
    close() {
      closed = true
      for (const entry of entries.values()) entry.breaker.shutdown()
      entries.clear()
      open.clear()
      if (ticker) clearInterval(ticker)
      ticker = undefined
      rotator.removeAllListeners()
    },
  }
}
