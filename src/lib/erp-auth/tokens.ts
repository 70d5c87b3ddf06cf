import { errors as joseErrors, jwtVerify, SignJWT } from "jose"
import type ErpModuleService from "../../modules/erp/service"
import { forgetPublicJwks, getPublicJwks, getSigningKey, TOKEN_ALG } from "./signing-keys"

export const TOKEN_ISSUER = "backy"
export const TOKEN_AUDIENCE = "backy-erp-api"
/** Short-lived: a leaked token is useful for minutes, and revocation bites fast. */
export const TOKEN_TTL_SECONDS = 600

export type AccessClaims = { client_id: string; scopes: string[] }

export class TokenError extends Error {
  constructor(readonly code: "invalid_token" | "expired_token", message: string) {
    super(message)
    this.name = "TokenError"
  }
}

export async function issueAccessToken(erp: ErpModuleService, encryptionKey: string, clientId: string, scopes: string[]): Promise<string> {
  const key = await getSigningKey(erp, encryptionKey)
  return await new SignJWT({ scope: scopes.join(" ") })
    .setProtectedHeader({ alg: TOKEN_ALG, kid: key.kid, typ: "at+jwt" })
    .setIssuer(TOKEN_ISSUER)
    .setAudience(TOKEN_AUDIENCE)
    .setSubject(clientId)
    .setIssuedAt()
    .setExpirationTime(`${TOKEN_TTL_SECONDS}s`)
    .sign(key.privateKey)
}

/**
 * Verifies signature (ES256 only: `alg: none` and HMAC confusion are refused),
 * issuer, audience and expiry.
 */
export async function verifyAccessToken(erp: ErpModuleService, token: string, retried = false): Promise<AccessClaims> {
  const { set } = await getPublicJwks(erp)
  try {
    const { payload } = await jwtVerify(token, set, { algorithms: [TOKEN_ALG], issuer: TOKEN_ISSUER, audience: TOKEN_AUDIENCE })
    if (typeof payload.sub !== "string") throw new TokenError("invalid_token", "token has no subject")
    return { client_id: payload.sub, scopes: String(payload.scope ?? "").split(" ").filter(Boolean) }
  } catch (e) {
    if (e instanceof TokenError) throw e
    // A key created by another process since our JWKS copy: refresh once.
    if (e instanceof joseErrors.JWKSNoMatchingKey && !retried) {
      forgetPublicJwks()
      return await verifyAccessToken(erp, token, true)
    }
    if (e instanceof joseErrors.JWTExpired) throw new TokenError("expired_token", "the access token has expired")
    throw new TokenError("invalid_token", "the access token is invalid")
  }
}
