/**
 * Business Central error bodies: OData `{"error":{"code":"…","message":"…"}}`. Codes are grouped
 * by prefix (BadRequest_*, Authentication_*, Authorization_*, Internal_*, Application_*); the
 * HTTP status already says retryable or not, except for throttling, recognised by code too.
 *
 * @module
 */
import { parseCommonErrorBody, type VendorError } from "../lib/http/classify"

export function parseBusinessCentralError(status: number, data: unknown): VendorError | undefined {
  const parsed = parseCommonErrorBody(data)
  if (!parsed) return undefined
  const throttled = status === 429 || /TooManyRequests|Throttl/i.test(parsed.code ?? "")
  return { ...parsed, rateLimited: throttled || undefined }
}
