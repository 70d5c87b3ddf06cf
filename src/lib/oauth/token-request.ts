import { bodyParameter, readClientCredentials, type ClientCredentials } from "./client-credentials"
import { OAuthError } from "./oauth-error"
import { parseScope } from "./scope"

/** A well-formed client-credentials token request (RFC 6749 §4.4.2), not yet authenticated. */
export type TokenRequest = {
  credentials: ClientCredentials
  /** The scopes asked for; undefined asks for every granted one. */
  scope: string[] | undefined
}

/**
 * Reads a token request from its Authorization header and body (form or
 * JSON), checking its shape only: grant type, credentials present, scope
 * syntax. Throws an OAuthError naming the first problem.
 */
export function readTokenRequest(authorization: string | undefined, body: unknown): TokenRequest {
  // A body that is not an object (text/plain, a JSON array) has no parameters.
  const params =
    typeof body === "object" && body !== null && !Array.isArray(body) ? (body as Record<string, unknown>) : {}
  const grantType = bodyParameter(params, "grant_type")
  if (grantType === undefined) throw new OAuthError("invalid_request", "grant_type is required")
  if (grantType !== "client_credentials")
    throw new OAuthError("unsupported_grant_type", "grant_type must be client_credentials")
  const credentials = readClientCredentials(authorization, params)
  return { credentials, scope: parseScope(bodyParameter(params, "scope")) }
}
