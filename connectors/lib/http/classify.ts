/**
 * The one place an HTTP outcome becomes an `ErpError`. Everything downstream (the retry loop,
 * the breaker's errorFilter, the hub's job queue) branches on the result, never on raw statuses.
 *
 * @module
 */
import { isAxiosError } from "axios"
import {
  ErpAuthError,
  ErpError,
  ErpPermanentError,
  ErpRateLimitedError,
  ErpRetryableError,
  ErpTimeoutError,
  isErpError,
  type ErpErrorDetails,
} from "../errors"
import type { Redactor } from "../redact"
import { parseRetryAfter } from "../../../webhooks/core"

/** What an adapter reads out of its ERP's error body. */
export interface VendorError {
  code?: string
  message?: string
  /** Override the status-based verdict, e.g. NetSuite's 400 SSS_REQUEST_LIMIT_EXCEEDED is retryable. */
  retryable?: boolean
  /** The vendor says "too many requests / concurrency limit" whatever the status. */
  rateLimited?: boolean
}

export type VendorErrorParser = (status: number, data: unknown) => VendorError | undefined

export interface ClassifyContext {
  connector: string
  operation: string
  redactor: Redactor
  nowMs: number
  parseVendorError?: VendorErrorParser
}

/** Error code our connect-timeout agent destroys the socket with. */
export const CONNECT_TIMEOUT_CODE = "ERR_ERP_CONNECT_TIMEOUT"

// The request never left this machine, so sending it again cannot duplicate anything.
const NOT_SENT_CODES = new Set([
  CONNECT_TIMEOUT_CODE,
  "ECONNREFUSED",
  "ENOTFOUND",
  "EAI_AGAIN",
  "EHOSTUNREACH",
  "ENETUNREACH",
])
const TIMEOUT_CODES = new Set(["ECONNABORTED", "ETIMEDOUT", CONNECT_TIMEOUT_CODE])

// 501 Not Implemented and 505 HTTP Version Not Supported will not change on retry.
const PERMANENT_5XX = new Set([501, 505])

/** Classifies a non-2xx response. */
export function classifyResponse(
  status: number,
  data: unknown,
  headers: Record<string, unknown>,
  ctx: ClassifyContext
): ErpError {
  const vendor = safeParse(ctx, status, data)
  const retryAfterMs = parseRetryAfter(headers["retry-after"] as string | undefined, ctx.nowMs)
  const vendorMessage = vendor?.message ? ctx.redactor.redact(vendor.message).slice(0, 500) : undefined
  const vendorCode = vendor?.code ? ctx.redactor.redact(vendor.code) : undefined
  const details: ErpErrorDetails = {
    connector: ctx.connector,
    operation: ctx.operation,
    status,
    vendorCode,
    vendorMessage,
    retryAfterMs,
  }
  const message = `${ctx.connector} ${ctx.operation}: HTTP ${status}${vendorCode ? ` ${vendorCode}` : ""}. ${
    vendorMessage ?? "No error detail in the response."
  }`

  if (status === 429 || vendor?.rateLimited) {
    return new ErpRateLimitedError(message, { ...details, requestMayHaveBeenProcessed: false })
  }
  if (vendor?.retryable === true) return new ErpRetryableError(message, details)
  if (vendor?.retryable === false) return new ErpPermanentError(message, details)
  if (status === 401 || status === 403) return new ErpAuthError(message, details)
  if (status === 408) return new ErpTimeoutError(message, { ...details, requestMayHaveBeenProcessed: false })
  if (status === 503) return new ErpRetryableError(message, { ...details, requestMayHaveBeenProcessed: false })
  if (status >= 500 && !PERMANENT_5XX.has(status)) return new ErpRetryableError(message, details)
  return new ErpPermanentError(message, details)
}

/** Classifies a thrown error: no response (network, timeout) or an `ErpError` from deeper down. */
export function classifyThrown(error: unknown, ctx: ClassifyContext): ErpError {
  if (isErpError(error)) return error
  const where = `${ctx.connector} ${ctx.operation}`
  if (!isAxiosError(error)) {
    const text = error instanceof Error ? `${error.name}: ${error.message}` : String(error)
    return new ErpPermanentError(`${where}: ${ctx.redactor.redact(text)}`, {
      connector: ctx.connector,
      operation: ctx.operation,
    })
  }
  const code = networkCode(error)
  const details: ErpErrorDetails = {
    connector: ctx.connector,
    operation: ctx.operation,
    vendorCode: code,
    requestMayHaveBeenProcessed: !NOT_SENT_CODES.has(code),
  }
  // axios messages name the URL at most, never headers; still scrub them.
  const message = `${where}: network error ${code}. ${ctx.redactor.redact(error.message)}`
  if (TIMEOUT_CODES.has(code)) return new ErpTimeoutError(message, details)
  return new ErpRetryableError(message, details)
}

function networkCode(error: { code?: string; cause?: unknown }): string {
  const causeCode = (error.cause as { code?: unknown } | undefined)?.code
  if (typeof causeCode === "string" && causeCode === CONNECT_TIMEOUT_CODE) return causeCode
  return error.code ?? (typeof causeCode === "string" ? causeCode : "ERR_NETWORK")
}

function safeParse(ctx: ClassifyContext, status: number, data: unknown): VendorError | undefined {
  try {
    return ctx.parseVendorError?.(status, data) ?? parseCommonErrorBody(data)
  } catch {
    return undefined
  }
}

/**
 * Reads the error shapes most JSON APIs use: OData/Graph `{error:{code,message}}`, OAuth2
 * `{error, error_description}`, `{code, message}` and `{errors:[{code, message}]}`.
 */
export function parseCommonErrorBody(data: unknown): VendorError | undefined {
  if (typeof data === "string") return data.trim() ? { message: data.trim().slice(0, 500) } : undefined
  if (!data || typeof data !== "object") return undefined
  const body = data as Record<string, unknown>
  const str = (v: unknown): string | undefined =>
    typeof v === "string" || typeof v === "number" ? String(v) : undefined
  if (body.error && typeof body.error === "object") {
    const inner = body.error as Record<string, unknown>
    const message =
      typeof inner.message === "object" && inner.message
        ? (inner.message as Record<string, unknown>).value
        : inner.message
    return { code: str(inner.code), message: str(message) }
  }
  if (typeof body.error === "string")
    return { code: body.error, message: str(body.error_description) ?? str(body.message) }
  if (Array.isArray(body.errors) && body.errors[0] && typeof body.errors[0] === "object") {
    const first = body.errors[0] as Record<string, unknown>
    return { code: str(first.code), message: str(first.message) ?? str(first.detail) }
  }
  if (body.code !== undefined || body.message !== undefined) return { code: str(body.code), message: str(body.message) }
  return undefined
}
