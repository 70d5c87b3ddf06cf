/**
 * The one vocabulary of `delivery_attempt.outcome`: what a single attempt to
 * reach a target (a webhook endpoint, an ERP connection) came to. Every
 * target's "act" step reduces its result to one of these, so the attempt log,
 * the admin and partner APIs and the dashboards read one set of values.
 * @module
 */

export type DeliveryOutcome =
  | "success" // 2xx
  | "redirect" // 3xx, not followed
  | "gone" // 410
  | "rate_limited" // 429 (or the target's own "too many requests" answer)
  | "client_error" // other 4xx (and 1xx, which a server must not send as a final answer)
  | "server_error" // 5xx
  | "timeout" // connect, headers or total timeout
  | "network_error" // refused, reset, DNS failure
  | "blocked" // SSRF guard refused the destination at send time
  | "payload_too_large" // refused before sending
  | "circuit_open" // our breaker for the target was open: nothing was sent
  | "internal_error" // our side failed before or while sending (e.g. no usable secret, a bad mapping)

/** Maps a final HTTP status to an outcome. */
export function outcomeForStatus(status: number): DeliveryOutcome {
  if (status >= 200 && status < 300) return "success"
  if (status >= 300 && status < 400) return "redirect"
  if (status === 410) return "gone"
  if (status === 429) return "rate_limited"
  if (status >= 500) return "server_error"
  return "client_error"
}
