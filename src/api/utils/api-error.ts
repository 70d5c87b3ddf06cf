import type { MedusaResponse } from "@medusajs/framework/http"

/**
 * The one error body of backy's API (README, "Errors"):
 * `{ type, message }`, the message `<field>: <problem>` when one input is at
 * fault (`lines[0].sku: must not contain a NUL byte`, `limit: …`, `id: …`,
 * `authorization: …`), and `code` when the error has a stable one a client
 * can branch on (`expired_token`, `insufficient_scope`, `ERR_WEBHOOK_SSRF_BLOCKED`).
 */
export type ApiErrorBody = { type: string; message: string; code?: string }

/** The problems the request guard and the error handler both name. */
export const NUL_BYTE = "must not contain a NUL byte"
export const BAD_ESCAPE = "is not valid percent-encoding (a % must be followed by two hex digits of UTF-8)"

/** The type of an error answered with `status` and no more specific type. */
export function typeForStatus(status: number): string {
  return TYPES[status] ?? (status >= 500 ? "unknown_error" : "invalid_data")
}

const TYPES: Record<number, string> = {
  400: "invalid_data",
  401: "unauthorized",
  403: "forbidden",
  404: "not_found",
  405: "method_not_allowed",
  409: "conflict",
  413: "payload_too_large",
  415: "unsupported_media_type",
  429: "rate_limited",
}

/** A refusal answered as it is, status and message (the request guard's), through the error handler so that it is logged like any other. */
export class ApiError extends Error {
  constructor(
    readonly status: number,
    message: string
  ) {
    super(message)
    this.name = "ApiError"
  }
}

export function sendApiError(
  res: MedusaResponse,
  status: number,
  message: string,
  extra: { type?: string; code?: string } = {}
): void {
  const body: ApiErrorBody = { type: extra.type ?? typeForStatus(status), message }
  if (extra.code) body.code = extra.code
  res.status(status).json(body)
}
