/**
 * One long-lived opossum breaker per (connector kind, connection). A breaker made per request
 * would never collect enough samples to open, so connectors get theirs from a registry that
 * outlives them; `defaultBreakerRegistry` is the process-wide one.
 *
 * The breaker wraps the whole retried call (one logical operation = one sample). Only failures
 * that say the ERP is unwell count: an error classified permanent (4xx other than 408/429) is a
 * problem with our request, and the errorFilter keeps it from tripping the breaker.
 *
 * @module
 */
import CircuitBreaker from "opossum"
import { isErpError } from "../errors"
import type { BreakerState, Logger } from "../types"

export interface BreakerSettings {
  /** Calls in the rolling window before the breaker may open at all. Default 5. */
  volumeThreshold?: number
  /** Failure percentage in the window that opens it. Default 50. */
  errorThresholdPercentage?: number
  /** Time open before a half-open trial call. Default 30 s. */
  resetTimeoutMs?: number
  /** Rolling statistics window. Default 10 s. */
  rollingCountTimeoutMs?: number
}

export type OperationBreaker = CircuitBreaker<[() => Promise<unknown>], unknown>

const DEFAULTS: Required<BreakerSettings> = {
  volumeThreshold: 5,
  errorThresholdPercentage: 50,
  resetTimeoutMs: 30_000,
  rollingCountTimeoutMs: 10_000,
}

/** Permanent errors are our request's fault, not the ERP's health: don't count them. */
export function isNotAnErpFailure(error: unknown): boolean {
  return isErpError(error) && !error.retryable
}

export class BreakerRegistry {
  private readonly breakers = new Map<string, OperationBreaker>()
  private readonly openUntil = new Map<string, number>()
  private readonly defaults: Required<BreakerSettings>

  constructor(
    defaults: BreakerSettings = {},
    private readonly logger?: Logger
  ) {
    this.defaults = { ...DEFAULTS, ...stripUndefined(defaults) }
  }

  /** The breaker for `key`, created on first use; `settings` only apply at creation. */
  get(key: string, settings: BreakerSettings = {}, logger?: Logger): OperationBreaker {
    const existing = this.breakers.get(key)
    if (existing) return existing
    const s = { ...this.defaults, ...stripUndefined(settings) }
    const breaker: OperationBreaker = new CircuitBreaker((run: () => Promise<unknown>) => run(), {
      name: key,
      // Our own per-attempt timeouts and bounded retries limit a call; a breaker timeout would
      // abandon a request the ERP may still process.
      timeout: false,
      volumeThreshold: s.volumeThreshold,
      errorThresholdPercentage: s.errorThresholdPercentage,
      resetTimeout: s.resetTimeoutMs,
      rollingCountTimeout: s.rollingCountTimeoutMs,
      errorFilter: isNotAnErpFailure,
    })
    const log = logger ?? this.logger
    breaker.on("open", () => {
      this.openUntil.set(key, Date.now() + s.resetTimeoutMs)
      log?.warn(`circuit opened for ${key}`, { breaker: key })
    })
    breaker.on("halfOpen", () => log?.info(`circuit half-open for ${key}`, { breaker: key }))
    breaker.on("close", () => log?.info(`circuit closed for ${key}`, { breaker: key }))
    this.breakers.set(key, breaker)
    return breaker
  }

  state(key: string): BreakerState | undefined {
    const breaker = this.breakers.get(key)
    if (!breaker) return undefined
    return stateOf(breaker)
  }

  /** Milliseconds until an open breaker lets a trial call through (0 when not open). */
  retryAfterMs(key: string): number {
    if (this.state(key) !== "open") return 0
    return Math.max(0, (this.openUntil.get(key) ?? 0) - Date.now())
  }

  keys(): string[] {
    return [...this.breakers.keys()]
  }

  /** Stops the breakers' timers; `key` limits it to one (it is re-created on next use). */
  shutdown(key?: string): void {
    for (const [k, breaker] of this.breakers) {
      if (key !== undefined && k !== key) continue
      breaker.shutdown()
      this.breakers.delete(k)
    }
  }
}

export function stateOf(breaker: OperationBreaker): BreakerState {
  if (breaker.opened) return "open"
  if (breaker.halfOpen) return "halfOpen"
  return "closed"
}

export function breakerKey(kind: string, connectionId: string): string {
  return `${kind}:${connectionId}`
}

/** Shared by every connector created without an explicit registry. */
export const defaultBreakerRegistry = new BreakerRegistry()

function stripUndefined<T extends object>(o: T): Partial<T> {
  return Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined)) as Partial<T>
}
