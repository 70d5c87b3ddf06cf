/**
 * Every failure a connector throws is an `ErpError`: a stable `code` to branch on, a `retryable`
 * verdict made once (in `lib/http/classify.ts`), and the HTTP status plus the vendor's own error
 * code and message when there was a response. Messages and `toJSON()` are built from redacted
 * parts only; the raw HTTP error (which carries request headers) is never attached as `cause`.
 *
 * @module
 */

export type ErpErrorCode =
  | "ERR_ERP_RETRYABLE"
  | "ERR_ERP_RATE_LIMITED"
  | "ERR_ERP_TIMEOUT"
  | "ERR_ERP_CIRCUIT_OPEN"
  | "ERR_ERP_PERMANENT"
  | "ERR_ERP_AUTH"
  | "ERR_ERP_CONFIG"

export interface ErpErrorDetails {
  /** `<kind>:<connection id>`. */
  connector?: string
  /** The connector operation, e.g. `upsertSalesOrder`. */
  operation?: string
  status?: number
  vendorCode?: string
  vendorMessage?: string
  /** How long the ERP asked us to wait (Retry-After), or how long the breaker stays open. */
  retryAfterMs?: number
  /**
   * False when the request certainly never reached the ERP (connection refused, 429, 503), so
   * even a non-idempotent POST may be sent again.
   */
  requestMayHaveBeenProcessed?: boolean
  cause?: ErpError
}

export abstract class ErpError extends Error {
  static readonly code: ErpErrorCode
  abstract readonly code: ErpErrorCode
  abstract readonly retryable: boolean
  readonly connector?: string
  readonly operation?: string
  readonly status?: number
  readonly vendorCode?: string
  readonly vendorMessage?: string
  readonly retryAfterMs?: number
  readonly requestMayHaveBeenProcessed: boolean
  /** Only ever another (already redacted) `ErpError`. */
  override readonly cause?: ErpError

  constructor(message: string, details: ErpErrorDetails = {}) {
    super(message)
    this.name = this.constructor.name
    if (details.cause) this.cause = details.cause
    this.connector = details.connector
    this.operation = details.operation
    this.status = details.status
    this.vendorCode = details.vendorCode
    this.vendorMessage = details.vendorMessage
    this.retryAfterMs = details.retryAfterMs
    this.requestMayHaveBeenProcessed = details.requestMayHaveBeenProcessed ?? true
  }

  toJSON(): Record<string, unknown> {
    return {
      name: this.name,
      code: this.code,
      message: this.message,
      retryable: this.retryable,
      connector: this.connector,
      operation: this.operation,
      status: this.status,
      vendorCode: this.vendorCode,
      vendorMessage: this.vendorMessage,
      retryAfterMs: this.retryAfterMs,
    }
  }
}

/** Transient: network failure, 5xx, 408. Try again later. */
export class ErpRetryableError extends ErpError {
  static override readonly code: ErpErrorCode = "ERR_ERP_RETRYABLE"
  readonly code: ErpErrorCode = "ERR_ERP_RETRYABLE"
  readonly retryable = true
}

/** 429 or a vendor concurrency-limit error; `retryAfterMs` says when, if the ERP said. */
export class ErpRateLimitedError extends ErpRetryableError {
  static override readonly code: ErpErrorCode = "ERR_ERP_RATE_LIMITED"
  override readonly code: ErpErrorCode = "ERR_ERP_RATE_LIMITED"
}

/** No response within the connect or total timeout. */
export class ErpTimeoutError extends ErpRetryableError {
  static override readonly code: ErpErrorCode = "ERR_ERP_TIMEOUT"
  override readonly code: ErpErrorCode = "ERR_ERP_TIMEOUT"
}

/** The connection's breaker is open: the ERP was failing, so calls fail fast until `retryAfterMs`. */
export class ErpCircuitOpenError extends ErpRetryableError {
  static override readonly code: ErpErrorCode = "ERR_ERP_CIRCUIT_OPEN"
  override readonly code: ErpErrorCode = "ERR_ERP_CIRCUIT_OPEN"
}

/** The ERP rejected the request (4xx other than 408/429). Sending it again will not help. */
export class ErpPermanentError extends ErpError {
  static override readonly code: ErpErrorCode = "ERR_ERP_PERMANENT"
  readonly code: ErpErrorCode = "ERR_ERP_PERMANENT"
  readonly retryable = false
}

/** Credentials rejected (401 after one token refresh, 403, or the token endpoint said no). */
export class ErpAuthError extends ErpPermanentError {
  static override readonly code: ErpErrorCode = "ERR_ERP_AUTH"
  override readonly code: ErpErrorCode = "ERR_ERP_AUTH"
}

/** The connection settings or the data cannot produce a valid request (bad mapping, missing option). */
export class ErpConfigError extends ErpPermanentError {
  static override readonly code: ErpErrorCode = "ERR_ERP_CONFIG"
  override readonly code: ErpErrorCode = "ERR_ERP_CONFIG"
}

/** The details of `e`, to re-raise it as another class (e.g. a token endpoint's 400 as an auth error). */
export function detailsOf(e: ErpError): ErpErrorDetails {
  return {
    connector: e.connector,
    operation: e.operation,
    status: e.status,
    vendorCode: e.vendorCode,
    vendorMessage: e.vendorMessage,
    retryAfterMs: e.retryAfterMs,
    requestMayHaveBeenProcessed: e.requestMayHaveBeenProcessed,
  }
}

/**
 * True for any connector error, including one that crossed a process boundary and lost its
 * prototype: checks the code, not only `instanceof`.
 */
export function isErpError(e: unknown): e is ErpError {
  if (e instanceof ErpError) return true
  const candidate = e as { code?: unknown; retryable?: unknown } | null
  return (
    typeof candidate === "object" &&
    candidate !== null &&
    typeof candidate.code === "string" &&
    candidate.code.startsWith("ERR_ERP_") &&
    typeof candidate.retryable === "boolean"
  )
}
