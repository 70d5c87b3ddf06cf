/**
 * One long-lived opossum breaker per key: per webhook endpoint for the
 * dispatcher, per ERP connection for the connectors. A breaker made per
 * request would never collect enough samples to open, so breakers live in a
 * registry that outlives the callers.
 *
 * Built for many keys: one shared bucket-rotation ticker instead of an
 * interval per breaker, rolling percentiles and snapshots off, and an LRU
 * bound that shuts evicted breakers down. opossum's own `timeout` is off: the
 * callers own their timeouts (a breaker timeout would abandon a request the
 * target may still process).
 *
 * What counts as a failure is the caller's decision, made inside the action
 * it fires: it throws for what says the target is unwell and returns
 * (possibly an error value) for everything else.
 * @module
 */
import { EventEmitter } from "node:events"
import CircuitBreaker from "opossum"
import { ClosedError } from "../lib/errors"

/** Tuning of one breaker. */
export interface BreakerSettings {
  /** Calls in the rolling window before the breaker may open at all. Default 10. */
  volumeThreshold?: number
  /** Failure percentage in the window that opens the breaker. Default 50. */
  errorThresholdPercentage?: number
  /** Open time before one trial call is let through (half-open). Default 30 s. */
  resetTimeoutMs?: number
  /**
   * Rolling window length. Default 10 s. A breaker whose window differs from
   * the registry's rotates its own buckets instead of using the shared ticker.
   */
  rollingCountTimeoutMs?: number
}

export interface BreakerRegistryOptions extends BreakerSettings {
  /** Breakers kept; the least recently used is shut down beyond this. Default 10,000. */
  maxBreakers?: number
  /** Buckets in the rolling window. Default 10. */
  rollingCountBuckets?: number
  /** Clock for `deferralMs`; injectable for tests. */
  now?: () => number
}

/** Settings for the breaker `get` creates; ignored when it exists already. */
export interface CreateBreakerOptions extends BreakerSettings {
  /** Told when this breaker opens, goes half-open or closes (to log it, say). */
  onStateChange?: (state: BreakerState) => void
}

export type BreakerState = "closed" | "open" | "half-open"

export type BreakerAction = () => Promise<unknown>

export interface KeyedBreaker {
  readonly key: string
  readonly breaker: CircuitBreaker<[BreakerAction], unknown>
  state(): BreakerState
  /**
   * How long a call turned away by this breaker should wait: the time left
   * until half-open while open, half the reset timeout while a half-open
   * trial is in flight (its result is unknown yet), 0 when closed.
   */
  deferralMs(): number
  /** Runs `action` through the breaker; rejects with code EOPENBREAKER when open (ESHUTDOWN once evicted). */
  fire<T>(action: () => Promise<T>): Promise<T>
}

const DEFAULTS = {
  maxBreakers: 10_000,
  volumeThreshold: 10,
  errorThresholdPercentage: 50,
  resetTimeoutMs: 30_000,
  rollingCountTimeoutMs: 10_000,
  rollingCountBuckets: 10,
}

const ROTATE_EVENT = "rotate" // the event name opossum's Status listens for

export class BreakerRegistry {
  private readonly entries = new Map<string, KeyedBreaker>()
  private readonly open = new Set<string>()
  private readonly rotator = new EventEmitter()
  private readonly settings: Required<BreakerSettings>
  private readonly maxBreakers: number
  private readonly buckets: number
  private readonly now: () => number
  private ticker?: NodeJS.Timeout
  private closed = false

  constructor(options: BreakerRegistryOptions = {}) {
    const o = { ...DEFAULTS, ...definedOnly(options) }
    this.settings = {
      volumeThreshold: o.volumeThreshold,
      errorThresholdPercentage: o.errorThresholdPercentage,
      resetTimeoutMs: o.resetTimeoutMs,
      rollingCountTimeoutMs: o.rollingCountTimeoutMs,
    }
    this.maxBreakers = o.maxBreakers
    this.buckets = o.rollingCountBuckets
    this.now = options.now ?? Date.now
    this.rotator.setMaxListeners(0) // one listener per breaker is the point
  }

  /** The key's breaker, created on first use (with `options`); marks it most recently used. */
  get(key: string, options: CreateBreakerOptions = {}): KeyedBreaker {
    if (this.closed) throw new ClosedError("Breaker registry is closed")
    const existing = this.entries.get(key)
    if (existing) {
      this.entries.delete(key)
      this.entries.set(key, existing)
      return existing
    }
    const entry = this.create(key, options)
    this.entries.set(key, entry)
    if (this.entries.size > this.maxBreakers) {
      const [oldestKey, oldest] = this.entries.entries().next().value as [string, KeyedBreaker]
      this.entries.delete(oldestKey)
      oldest.breaker.shutdown()
    }
    return entry
  }

  /** The key's breaker if one exists, without creating or touching it. */
  peek(key: string): KeyedBreaker | undefined {
    return this.entries.get(key)
  }

  /** The key's breaker state; undefined when it has none yet. */
  state(key: string): BreakerState | undefined {
    return this.entries.get(key)?.state()
  }

  /** Keys whose breaker is open right now (not half-open). */
  openKeys(): string[] {
    return [...this.open]
  }

  keys(): string[] {
    return [...this.entries.keys()]
  }

  get size(): number {
    return this.entries.size
  }

  /** Shuts the key's breaker (or every breaker) down; `get` creates a fresh one. */
  shutdown(key?: string): void {
    for (const [k, entry] of this.entries) {
      if (key !== undefined && k !== key) continue
      entry.breaker.shutdown()
      this.entries.delete(k)
    }
    if (this.entries.size === 0) this.stopTicker()
  }

  /** Shuts every breaker down, stops the shared ticker and refuses new breakers. */
  close(): void {
    this.closed = true
    this.shutdown()
    this.open.clear()
    this.rotator.removeAllListeners()
  }

  private create(key: string, { onStateChange, ...settings }: CreateBreakerOptions): KeyedBreaker {
    const s = { ...this.settings, ...definedOnly(settings) }
    const shared = s.rollingCountTimeoutMs === this.settings.rollingCountTimeoutMs
    if (shared) this.startTicker()
    const breaker = new CircuitBreaker<[BreakerAction], unknown>((action) => action(), {
      name: key,
      timeout: false,
      volumeThreshold: s.volumeThreshold,
      errorThresholdPercentage: s.errorThresholdPercentage,
      resetTimeout: s.resetTimeoutMs,
      rollingCountTimeout: s.rollingCountTimeoutMs,
      rollingCountBuckets: this.buckets,
      rollingPercentilesEnabled: false,
      enableSnapshots: false,
      ...(shared ? { rotateBucketController: this.rotator } : {}),
    })
    // opossum keeps the open time privately (and its typings get it wrong).
    let openedAt = 0
    breaker.on("open", () => {
      openedAt = this.now()
      this.open.add(key)
      onStateChange?.("open")
    })
    breaker.on("halfOpen", () => {
      this.open.delete(key)
      onStateChange?.("half-open")
    })
    breaker.on("close", () => {
      this.open.delete(key)
      onStateChange?.("closed")
    })
    breaker.on("shutdown", () => this.open.delete(key))
    return {
      key,
      breaker,
      state: () => (breaker.opened ? "open" : breaker.halfOpen ? "half-open" : "closed"),
      deferralMs: () => {
        if (breaker.opened) return Math.max(1, openedAt + s.resetTimeoutMs - this.now())
        return breaker.halfOpen ? s.resetTimeoutMs / 2 : 0
      },
      fire: <T>(action: () => Promise<T>) => breaker.fire(action) as Promise<T>,
    }
  }

  private startTicker(): void {
    if (this.ticker) return
    this.ticker = setInterval(() => this.rotator.emit(ROTATE_EVENT), this.settings.rollingCountTimeoutMs / this.buckets)
    this.ticker.unref()
  }

  private stopTicker(): void {
    if (this.ticker) clearInterval(this.ticker)
    this.ticker = undefined
  }
}

function definedOnly<T extends object>(o: T): Partial<T> {
  return Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined)) as Partial<T>
}
