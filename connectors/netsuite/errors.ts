/**
 * NetSuite REST error bodies: `{"type","title","status","o:errorDetails":[{"detail","o:errorCode",…}]}`
 * (Oracle, "Error Handling in REST Web Services", section_156570709583).
 *
 * @module
 */
import type { VendorError } from "../lib/http/classify"

// Over the account's concurrency limit: REST answers 429, RESTlets 400 SSS_REQUEST_LIMIT_EXCEEDED,
// SOAP-style integrations WS_REQUEST_BLOCKED. All mean "wait and send again".
const RATE_LIMIT_CODES = new Set([
  "CONCURRENCY_LIMIT_EXCEEDED",
  "SSS_REQUEST_LIMIT_EXCEEDED",
  "WS_REQUEST_BLOCKED",
  "EXCEEDED_REQUEST_LIMIT",
])

// Another process held or changed the record; the same request succeeds a moment later.
const TRANSIENT_CODES = new Set(["RCRD_LOCKED_BY_WF", "RCRD_HAS_BEEN_CHANGED", "SESSION_TIMED_OUT"])

export function parseNetSuiteError(status: number, data: unknown): VendorError | undefined {
  if (!data || typeof data !== "object") return undefined
  const body = data as Record<string, unknown>
  const details = body["o:errorDetails"]
  if (!Array.isArray(details)) return undefined
  const first = (details[0] ?? {}) as Record<string, unknown>
  const code = typeof first["o:errorCode"] === "string" ? first["o:errorCode"] : undefined
  const message =
    typeof first.detail === "string" ? first.detail : typeof body.title === "string" ? body.title : undefined
  return {
    code,
    message,
    rateLimited: code !== undefined && RATE_LIMIT_CODES.has(code) ? true : undefined,
    retryable: code !== undefined && TRANSIENT_CODES.has(code) && status < 500 ? true : undefined,
  }
}

/** NetSuite's answer to a second record with an external id that already exists. */
export function isDuplicateExternalId(vendorCode: string | undefined, message: string | undefined): boolean {
  return vendorCode === "DUP_RCRD" || /already exists|duplicate/i.test(message ?? "")
}
