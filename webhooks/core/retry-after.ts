/**
 * `Retry-After` (RFC 9110 §10.2.3): reading the header, and the one rule for
 * how much of the asked wait a retry honours. Webhook deliveries, ERP syncs
 * and the connectors' in-request retries all go through these two functions.
 * @module
 */

/**
 * Parses `Retry-After`, delay-seconds ("120") or an HTTP-date, into
 * milliseconds from `nowMs`. A date in the past gives 0; an absent, negative,
 * decimal or otherwise unparsable value gives undefined. A header repeated by
 * the server (an array) is read by its first value.
 */
export function parseRetryAfter(value: string | string[] | undefined | null, nowMs = Date.now()): number | undefined {
  const first = Array.isArray(value) ? value[0] : value
  if (first == null) return undefined
  const text = String(first).trim()
  if (/^\d+$/.test(text)) return Number(text) * 1000
  if (!/[a-z]/i.test(text)) return undefined // "-5", "1.5": neither delay-seconds nor a date
  const at = Date.parse(text)
  return Number.isNaN(at) ? undefined : Math.max(0, at - nowMs)
}

export interface RetryAfterBounds {
  /** A shorter wait asked for is raised to this. Default 0. */
  minMs?: number
  /** A longer wait asked for is cut to this, so a huge or hostile value cannot park the work. Default: none. */
  maxMs?: number
}

/**
 * The one Retry-After rule: the wait the target asked for, clamped to
 * [minMs, maxMs], is a floor under our own backoff. We never come back earlier
 * than asked (up to `maxMs`), and a short Retry-After never shortens the
 * backoff. Without a Retry-After the backoff stands.
 */
export function honourRetryAfter(
  backoffMs: number,
  retryAfterMs: number | undefined,
  { minMs = 0, maxMs = Number.POSITIVE_INFINITY }: RetryAfterBounds = {}
): number {
  if (retryAfterMs === undefined) return backoffMs
  const asked = Math.min(Math.max(retryAfterMs, minMs, 0), maxMs)
  return Math.max(backoffMs, asked)
}
