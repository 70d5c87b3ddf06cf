/**
 * The retry schedule as data plus pure delay functions, tested on their own.
 *
 * @module
 */

export interface RetryPolicy {
  /** Attempts after the first. */
  maxRetries: number
  /** Backoff base: attempt n waits up to baseDelayMs × 2^n. */
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
 * Parses `Retry-After` (delay-seconds or an HTTP-date, RFC 9110 §10.2.3) into milliseconds from
 * `nowMs`. Dates in the past give 0; anything unparseable gives undefined.
 */
export function parseRetryAfter(header: string | string[] | undefined | null, nowMs: number): number | undefined {
  const value = Array.isArray(header) ? header[0] : header
  if (value == null) return undefined
  const text = String(value).trim()
  if (/^\d+$/.test(text)) return Number(text) * 1000
  if (!/[a-z]/i.test(text)) return undefined
  const at = Date.parse(text)
  if (Number.isNaN(at)) return undefined
  return Math.max(0, at - nowMs)
}

/**
 * Delay before retry number `attempt` (0-based): "full jitter", a uniform pick in
 * [0, min(maxDelayMs, baseDelayMs × 2^attempt)], so a burst of failed callers spreads out.
 * A server's `Retry-After` is a floor: we never come back earlier than asked.
 */
export function retryDelayMs(
  attempt: number,
  policy: Pick<RetryPolicy, "baseDelayMs" | "maxDelayMs">,
  random: () => number,
  retryAfterMs?: number
): number {
  const ceiling = Math.min(policy.maxDelayMs, policy.baseDelayMs * 2 ** attempt)
  const jittered = Math.floor(random() * ceiling)
  return retryAfterMs === undefined ? jittered : Math.max(retryAfterMs, jittered)
}
