/**
 * The connectors' in-request retry policy as data, plus its delay function. The backoff,
 * jitter and Retry-After rules are the durability core's (`webhooks/core`), shared with
 * webhook deliveries and ERP syncs.
 *
 * @module
 */
import { backoffDelayMs, honourRetryAfter } from "../../../webhooks/core"

export interface RetryPolicy {
  /** Attempts after the first. */
  maxRetries: number
  /** Backoff base: retry n waits about baseDelayMs × 2^n (±20 %). */
  baseDelayMs: number
  /** Ceiling of the exponential backoff. */
  maxDelayMs: number
  /**
   * Longest `Retry-After` we sleep through in-process. A longer one ends the call with a
   * retryable error carrying `retryAfterMs`, so the job queue waits instead of a worker.
   */
  maxRetryAfterMs: number
}

export const DEFAULT_RETRY_POLICY: RetryPolicy = {
  maxRetries: 4,
  baseDelayMs: 200,
  maxDelayMs: 10_000,
  maxRetryAfterMs: 30_000,
}

/**
 * Delay before retry number `attempt` (0-based): the durability core's backoff, doubling
 * from `baseDelayMs` up to `maxDelayMs` with its ±20 % jitter, so a burst of failed callers
 * spreads out. A server's `Retry-After` is a floor (the core's rule): we never come back
 * earlier than asked. The caller has already refused to sleep through one beyond
 * `maxRetryAfterMs`.
 */
export function retryDelayMs(
  attempt: number,
  policy: Pick<RetryPolicy, "baseDelayMs" | "maxDelayMs">,
  random: () => number,
  retryAfterMs?: number
): number {
  const backoff = backoffDelayMs(attempt, { baseMs: policy.baseDelayMs, capMs: policy.maxDelayMs }, random)
  return honourRetryAfter(backoff, retryAfterMs)
}
