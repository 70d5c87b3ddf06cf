import { backoffDelayMs, honourRetryAfter } from "../../../../../webhooks/core"

/**
 * ERP sync retries, per connection: exponential from `baseMs` (default 5 s),
 * capped at 1 h, at most `maxAttempts` (default 12 ≈ 3.5 h), jittered ±20 %
 * (the durability core's backoff, shared with webhooks and the connectors).
 * When the ERP says how long to wait (Retry-After, or how long its breaker
 * stays open) that wait is a floor, at least 1 s and at most the 1 h cap.
 */
export type SyncRetryPolicy = { maxAttempts: number; baseMs: number }

export const DEFAULT_SYNC_RETRY_POLICY: SyncRetryPolicy = { maxAttempts: 12, baseMs: 5_000 }
const CAP_MS = 3_600_000
const MIN_RETRY_AFTER_MS = 1_000

/** The wait after `attemptsMade` attempts of the current schedule (>= 1) failed. */
export function erpRetryDelayMs(
  attemptsMade: number,
  retryAfterMs?: number,
  policy: Pick<SyncRetryPolicy, "baseMs"> = DEFAULT_SYNC_RETRY_POLICY,
  random: () => number = Math.random
): number {
  const backoff = backoffDelayMs(attemptsMade - 1, { baseMs: policy.baseMs, capMs: CAP_MS }, random)
  return honourRetryAfter(backoff, retryAfterMs, { minMs: MIN_RETRY_AFTER_MS, maxMs: CAP_MS })
}
