/**
 * The token endpoints' error codes: RFC 6749 §5.2's, plus `rate_limited` for
 * a 429 (an OAuth client treats an unknown code as a failure, which it is).
 */
export type OAuthErrorCode =
  | "invalid_request"
  | "invalid_client"
  | "unsupported_grant_type"
  | "invalid_scope"
  | "rate_limited"

/** The body of an OAuth error answer (RFC 6749 §5.2), which ERPs' and partners' OAuth clients understand. */
export type OAuthErrorBody = { error: OAuthErrorCode; error_description: string }

const STATUS: Record<OAuthErrorCode, number> = {
  invalid_request: 400,
  invalid_client: 401,
  unsupported_grant_type: 400,
  invalid_scope: 400,
  rate_limited: 429,
}

/** A refused token request: thrown where the problem is found, answered in one place by the grant. */
export class OAuthError extends Error {
  readonly status: number

  constructor(
    readonly code: OAuthErrorCode,
    description: string,
    /** For `rate_limited`: when to come back (the Retry-After header). */
    readonly retryAfterSeconds?: number
  ) {
    super(description)
    this.name = "OAuthError"
    this.status = STATUS[code]
  }

  get body(): OAuthErrorBody {
    return { error: this.code, error_description: this.message }
  }
}
