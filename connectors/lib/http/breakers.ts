/**
 * One long-lived breaker per (connector kind, connection), from the durability core's
 * `BreakerRegistry` (the same class the webhook dispatcher keeps per endpoint). Connectors get
 * theirs from a registry that outlives them; `defaultBreakerRegistry` is the process-wide one.
 *
 * The breaker wraps the whole retried call (one logical operation = one sample). Only failures
 * that say the ERP is unwell count: the HTTP client keeps an error classified permanent (4xx
 * other than 408/429: a problem with our request) from tripping it (`countsAgainstErp`).
 *
 * @module
 */
import { BreakerRegistry, type BreakerSettings, type BreakerState as CoreBreakerState } from "../../../webhooks/core"
import { isErpError } from "../errors"
import type { BreakerState, Logger } from "../types"

export { BreakerRegistry }
export type { BreakerSettings }

/** A connection's breaker may open after 5 calls in the window (an endpoint's after 10): an ERP gets far fewer calls. */
export const CONNECTION_BREAKER_DEFAULTS: BreakerSettings = { volumeThreshold: 5 }

/** Shared by every connector created without an explicit registry. */
export const defaultBreakerRegistry = new BreakerRegistry(CONNECTION_BREAKER_DEFAULTS)

/** True when `error` says the ERP is unwell; permanent errors are our request's fault and do not count. */
export function countsAgainstErp(error: unknown): boolean {
  return !(isErpError(error) && !error.retryable)
}

/** The connector contract's spelling of a breaker state (`HealthStatus.breaker`). */
export function connectorBreakerState(state: CoreBreakerState | undefined): BreakerState {
  return state === "half-open" ? "halfOpen" : (state ?? "closed")
}

/** Logs a connection's breaker opening (a warning), going half-open and closing. */
export function breakerStateLogger(key: string, logger: Logger): (state: CoreBreakerState) => void {
  return (state) => {
    if (state === "open") logger.warn(`circuit opened for ${key}`, { breaker: key })
    else if (state === "half-open") logger.info(`circuit half-open for ${key}`, { breaker: key })
    else logger.info(`circuit closed for ${key}`, { breaker: key })
  }
}

export function breakerKey(kind: string, connectionId: string): string {
  return `${kind}:${connectionId}`
}
