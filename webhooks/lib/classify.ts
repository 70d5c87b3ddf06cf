/**
 * What one HTTP attempt means for a webhook delivery. The sender reduces every
 * response or error to a `DeliveryOutcome` (the shared vocabulary in
 * `core/outcome.ts`); the dispatcher only branches on outcomes and verdicts.
 *
 * Decisions (Standard Webhooks "delivery success and failure", Svix worker):
 * - 2xx success; 3xx failure (redirects are never followed: the partner fixes the URL).
 * - 410 Gone: the receiver asks us to stop, so the endpoint is disabled.
 * - 429 and timeouts are overload: retried no sooner than the overload floor.
 * - Other 4xx are retried on the normal schedule: a 401/404 is usually a
 *   receiver deploy or config slip that partners fix within the retry window.
 * @module
 */
import type { DeliveryOutcome } from "../core/outcome"

export type Verdict =
  | { kind: "delivered" }
  | { kind: "retry"; overload: boolean; retryAfterMs?: number }
  | { kind: "disable_endpoint" }
  /** Retrying cannot help (the payload will not shrink). */
  | { kind: "give_up" }

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
