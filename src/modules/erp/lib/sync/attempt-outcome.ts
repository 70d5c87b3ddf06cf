import { isErpError } from "../../../../../connectors"
import { outcomeForStatus, type DeliveryOutcome } from "../../../../../webhooks/core"

/**
 * What a failed ERP sync attempt came to, in the attempt vocabulary webhooks
 * use (`delivery_attempt.outcome`). The connector's error code says more than
 * the status (a 408 is a timeout, a vendor's "too many requests" may come as
 * a 400), so it is read first; then the ERP's HTTP status; an error without
 * a response is a network failure when retryable and our own problem (a bad
 * mapping, a bug, no published document) otherwise.
 */
export function attemptOutcomeOf(error: unknown): DeliveryOutcome {
  if (!isErpError(error)) return "internal_error"
  switch (error.code) {
    case "ERR_ERP_TIMEOUT":
      return "timeout"
    case "ERR_ERP_RATE_LIMITED":
      return "rate_limited"
    case "ERR_ERP_CIRCUIT_OPEN":
      return "circuit_open"
    case "ERR_ERP_CONFIG":
      return "internal_error"
  }
  // A connector never fails with a 2xx; if one did, the status would read as success.
  if (error.status !== undefined && (error.status < 200 || error.status >= 300)) return outcomeForStatus(error.status)
  return error.retryable ? "network_error" : "internal_error"
}
