/**
 * ERP sync retries, per connection: exponential from `baseMs` (default 5 s),
 * capped at 1 h, half jitter, at most `maxAttempts` (default 12 ≈ 3.5 h), or
 * when the ERP says (Retry-After, never sooner than 1 s).
 */
export type SyncRetryPolicy = { maxAttempts: number; baseMs: number }

export const DEFAULT_SYNC_RETRY_POLICY: SyncRetryPolicy = { maxAttempts: 12, baseMs: 5_000 }
const CAP_MS = 3_600_000
const MIN_RETRY_AFTER_MS = 1_000

export function erpRetryDelayMs(
  attemptsMade: number,
  retryAfterMs?: number,
  policy: Pick<SyncRetryPolicy, "baseMs"> = DEFAULT_SYNC_RETRY_POLICY,
  random: () => number = Math.random
): number {
  if (retryAfterMs !== undefined) return Math.max(retryAfterMs, MIN_RETRY_AFTER_MS)
  const exp = Math.min(CAP_MS, policy.baseMs * 2 ** Math.max(0, attemptsMade - 1))
  return Math.round(exp / 2 + random() * (exp / 2))
}
