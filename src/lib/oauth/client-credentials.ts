import { OAuthError } from "./oauth-error"

/**
 * How the client authenticated (RFC 6749 §2.3.1): HTTP Basic
 * (client_secret_basic) or client_id/client_secret in the body
 * (client_secret_post, form or JSON).
 */
export type ClientCredentials = { method: "basic" | "body"; clientId: string; secret: string }

/**
 * The client's credentials from the Authorization header or the body, never
 * both (RFC 6749 §2.3: one authentication method per request). An
 * Authorization header of another scheme is not a client authentication and
 * is ignored. Throws `invalid_request` for both methods at once or a body
 * parameter that is not one string, `invalid_client` for missing or
 * undecodable credentials.
 */
export function readClientCredentials(
  authorization: string | undefined,
  body: Record<string, unknown>
): ClientCredentials {
  const id = bodyParameter(body, "client_id")
  const secret = bodyParameter(body, "client_secret")
  if (usesBasicAuthentication(authorization)) {
    if (id !== undefined || secret !== undefined)
      throw new OAuthError("invalid_request", "use HTTP Basic or client_id and client_secret in the body, not both")
    return decodeBasic(authorization ?? "")
  }
  if (!id || !secret) throw new OAuthError("invalid_client", "client_id and client_secret are required")
  return { method: "body", clientId: id, secret }
}

/** The client tried HTTP Basic: a refusal then carries a Basic challenge (RFC 6749 §5.2). */
export function usesBasicAuthentication(authorization: string | undefined): boolean {
  return /^Basic(\s|$)/i.test(authorization ?? "")
}

/** A body parameter: absent, or exactly one string (a repeated form field arrives as an array). */
export function bodyParameter(body: Record<string, unknown>, name: string): string | undefined {
  const value = body[name]
  if (value === undefined) return undefined
  if (typeof value !== "string") throw new OAuthError("invalid_request", `${name} must be a single string`)
  return value
}

/** RFC 6749 §2.3.1: id and secret are form-encoded, then joined by the first ":", then base64. */
function decodeBasic(authorization: string): ClientCredentials {
  const encoded = /^Basic\s+(\S+)\s*$/i.exec(authorization)?.[1] ?? ""
  const text = Buffer.from(encoded, "base64").toString("utf8")
  const colon = text.indexOf(":")
  const clientId = colon === -1 ? "" : formDecode(text.slice(0, colon))
  const secret = colon === -1 ? "" : formDecode(text.slice(colon + 1))
  if (!clientId || !secret) throw new OAuthError("invalid_client", "client_id and client_secret are required")
  return { method: "basic", clientId, secret }
}

/** application/x-www-form-urlencoded decoding; malformed percent-encoding is a bad credential, not a server error. */
function formDecode(text: string): string {
  try {
    return decodeURIComponent(text.replace(/\+/g, " "))
  } catch {
    return text
  }
}
