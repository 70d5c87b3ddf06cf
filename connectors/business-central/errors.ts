/**
 * Business Central error bodies: OData `{"error":{"code":"…","message":"…"}}`. Codes are grouped
 * by prefix (BadRequest_*, Authentication_*, Authorization_*, Internal_*, Application_*); the
 * HTTP status already says retryable or not, except for throttling, recognised by code too.
 * Codes and messages: Microsoft Learn, "Troubleshooting OData/API calls"
 * (https://learn.microsoft.com/dynamics365/business-central/dev-itpro/api-reference/v2.0/dynamics-error-codes).
 *
 * @module
 */
import { isErpError, type ErpError } from "../lib/errors"
import { parseCommonErrorBody, type VendorError } from "../lib/http/classify"

export function parseBusinessCentralError(status: number, data: unknown): VendorError | undefined {
  const parsed = parseCommonErrorBody(data)
  if (!parsed) return undefined
  const throttled = status === 429 || /TooManyRequests|Throttl/i.test(parsed.code ?? "")
  return { ...parsed, rateLimited: throttled || undefined }
}

/**
 * A conditional write whose `If-Match` was stale: BC answers 409 Conflict with
 * `Request_EntityChanged` ("Another user has already changed the record.", the Learn page above;
 * 409 "happens when another user has already changed the record(s) that the request is trying to
 * modify", Learn "Troubleshooting web service errors"). Not every 409 is one, hence the code.
 */
export function isEntityChanged(e: unknown): e is ErpError {
  return isErpError(e) && e.status === 409 && e.vendorCode === "Request_EntityChanged"
}

/**
 * BC refused a customer `number` chosen by the client because the Customer Nos. number series
 * does not allow manual numbers: an Application_DialogException saying "You may not enter numbers
 * manually. If you want to enter numbers manually, please activate Manual Nos. in No. Series …"
 * (the Learn page above). Recognised by its text, as BC gives no narrower code.
 */
export function isManualNumberRefused(e: unknown): e is ErpError {
  return (
    isErpError(e) &&
    e.vendorCode === "Application_DialogException" &&
    /numbers manually|Manual Nos\./i.test(e.vendorMessage ?? "")
  )
}
