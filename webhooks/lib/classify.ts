/**
 * What one HTTP attempt means. The sender reduces every response or error to
 * a `DeliveryOutcome`; the dispatcher only branches on outcomes and verdicts.
 *
 * Decisions (Standard Webhooks "delivery success and failure", Svix worker):
 * - 2xx success; 3xx failure (redirects are never followed: the partner fixes the URL).
 * - 410 Gone: the receiver asks us to stop, so the endpoint is disabled.
 * - 429 and timeouts are overload: retried no sooner than the overload floor.
 * - Other 4xx are retried on the normal schedule: a 401/404 is usually a
 *   receiver deploy or config slip that partners fix within the retry window.
 * @module
 */

export type DeliveryOutcome =
  | "success" // 2xx
  | "redirect" // 3xx, not followed
  | "gone" // 410
  | "rate_limited" // 429
  | "client_error" // other 4xx (and 1xx, which a server must not send as a final answer)
  | "server_error" // 5xx
  | "timeout" // connect, headers or total timeout
  | "network_error" // refused, reset, DNS failure
  | "blocked" // SSRF guard refused the destination at send time
  | "payload_too_large" // refused before sending
  | "internal_error" // our side failed before sending (e.g. no usable secret)

export type Verdict =
  | { kind: "delivered" }
  | { kind: "retry"; overload: boolean; retryAfterMs?: number }
  | { kind: "disable_endpoint" }
  /** Retrying cannot help (the payload will not shrink). */
  | { kind: "give_up" }

/** Maps a final HTTP status to an outcome. */
export function outcomeForStatus(status: number): DeliveryOutcome {
  if (status >= 200 && status < 300) return "success"
  if (status >= 300 && status < 400) return "redirect"
  if (status === 410) return "gone"
  if (status === 429) return "rate_limited"
  if (status >= 500) return "server_error"
  return "client_error"
}

/** Outcomes that get the overload floor (the receiver or the path is struggling). */
export function isOverload(outcome: DeliveryOutcome): boolean {
  return outcome === "timeout" || outcome === "rate_limited"
}

/**
 * Outcomes that count against the endpoint's circuit breaker: the ones that
 * tie up our connections or say the receiver is down. A fast 4xx/3xx says the
 * receiver is up (only misconfigured), so it must not trip the breaker, and a
 * blocked or oversized request never reached it.
 */
export function countsAgainstBreaker(outcome: DeliveryOutcome): boolean {
  return (
    outcome === "timeout" || outcome === "network_error" || outcome === "server_error" || outcome === "rate_limited"
  )
}

/** What the dispatcher does next after an attempt with this outcome. */
export function verdictFor(outcome: DeliveryOutcome, retryAfterMs?: number): Verdict {
  switch (outcome) {
    case "success":
      return { kind: "delivered" }
    case "gone":
      return { kind: "disable_endpoint" }
    case "payload_too_large":
      return { kind: "give_up" }
    default:
      return retryAfterMs === undefined
        ? { kind: "retry", overload: isOverload(outcome) }
        : { kind: "retry", overload: isOverload(outcome), retryAfterMs }
  }
}

/**
 * Parses a `Retry-After` value: delta-seconds ("120") or an HTTP date.
 * Returns milliseconds from `now` (never negative), or undefined when absent
 * or unparsable.
 */
export function parseRetryAfter(value: string | undefined | null, now = Date.now()): number | undefined {
  if (value == null) return undefined
  const text = value.trim()
  if (/^\d+$/.test(text)) return Number(text) * 1000
  if (!/[a-z]/i.test(text)) return undefined // "-5", "1.5": not a valid delta or date
  const at = Date.parse(text)
  return Number.isNaN(at) ? undefined : Math.max(0, at - now)
}
