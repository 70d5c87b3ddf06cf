/**
 * ERP sync retries: exponential from 5 s, capped at 1 h, full jitter, at most
 * 12 attempts (≈ 6 h), or sooner when the ERP says when (Retry-After).
 */
export const ERP_MAX_ATTEMPTS = 12
const BASE_MS = 5_000
const CAP_MS = 3_600_000

export function erpRetryDelayMs(attemptsMade: number, retryAfterMs?: number, random: () => number = Math.random): number {
  const exp = Math.min(CAP_MS, BASE_MS * 2 ** Math.max(0, attemptsMade - 1))
  const jittered = Math.round(exp / 2 + random() * (exp / 2))
  return retryAfterMs !== undefined ? Math.max(retryAfterMs, 1_000) : jittered
}
