import { errors as joseErrors, jwtVerify, SignJWT } from "jose"
import type ErpModuleService from "../../modules/erp/service"
import { getPublicJwks, getSigningKey, TOKEN_ALG } from "./signing-keys"

export const TOKEN_ISSUER = "backy"
export const TOKEN_AUDIENCE = "backy-erp-api"
/** RFC 9068 access-token type: an ID token or any other JWT of ours cannot be replayed here. */
export const TOKEN_TYPE = "at+jwt"
/** Short-lived: a leaked token is useful for minutes, and revocation bites fast. */
export const TOKEN_TTL_SECONDS = 600
/**
 * A token whose kid is not in our cached JWKS makes us reload the keys, but
 * not more often than this: forged kids must not turn into a query each.
 */
const UNKNOWN_KID_RELOAD_MS = 5_000

export type AccessClaims = { client_id: string; scopes: string[] }

/**
 * Tokens already verified, by their exact text, until they expire: an ERP
 * walking the feed presents one token for many calls, and an ES256
 * verification each time would cost more than the page. Any change to a
 * token (tampering) is a different key, verified from scratch.
 */
const verified = new Map<string, { claims: AccessClaims; expiresAtMs: number }>()
const VERIFIED_CACHE_SIZE = 10_000

export class TokenError extends Error {
  constructor(readonly code: "invalid_token" | "expired_token", message: string) {
    super(message)
    this.name = "TokenError"
  }
}

export async function issueAccessToken(
  erp: ErpModuleService,
  encryptionKey: string,
  clientId: string,
  scopes: string[],
  ttlSeconds = TOKEN_TTL_SECONDS
): Promise<string> {
  const key = await getSigningKey(erp, encryptionKey)
  const now = Math.floor(Date.now() / 1000)
  return await new SignJWT({ scope: scopes.join(" ") })
    .setProtectedHeader({ alg: TOKEN_ALG, kid: key.kid, typ: TOKEN_TYPE })
    .setIssuer(TOKEN_ISSUER)
    .setAudience(TOKEN_AUDIENCE)
    .setSubject(clientId)
    .setIssuedAt(now)
    .setExpirationTime(now + ttlSeconds)
    .sign(key.privateKey)
}

/**
 * Verifies signature (ES256 only: `alg: none` and HMAC key confusion are
 * refused), type, issuer, audience and expiry.
 */
export async function verifyAccessToken(erp: ErpModuleService, token: string): Promise<AccessClaims> {
  const hit = verified.get(token)
  if (hit) {
    if (hit.expiresAtMs > Date.now()) return hit.claims
    verified.delete(token)
    throw new TokenError("expired_token", "the access token has expired")
  }
  try {
    return await verifyWith(erp, token)
  } catch (e) {
    // A key created by another process since our JWKS copy: reload once.
    if (e instanceof joseErrors.JWKSNoMatchingKey) {
      await getPublicJwks(erp, UNKNOWN_KID_RELOAD_MS)
      return await verifyWith(erp, token).catch(toTokenError)
    }
    return toTokenError(e)
  }
}

async function verifyWith(erp: ErpModuleService, token: string): Promise<AccessClaims> {
  const { set } = await getPublicJwks(erp)
  const { payload } = await jwtVerify(token, set, { algorithms: [TOKEN_ALG], typ: TOKEN_TYPE, issuer: TOKEN_ISSUER, audience: TOKEN_AUDIENCE })
  if (typeof payload.sub !== "string") throw new TokenError("invalid_token", "the access token has no subject")
  if (typeof payload.exp !== "number") throw new TokenError("invalid_token", "the access token has no expiry")
  const claims = { client_id: payload.sub, scopes: String(payload.scope ?? "").split(" ").filter(Boolean) }
  if (verified.size >= VERIFIED_CACHE_SIZE) verified.delete(verified.keys().next().value!)
  verified.set(token, { claims, expiresAtMs: payload.exp * 1000 })
  return claims
}

function toTokenError(e: unknown): never {
  if (e instanceof TokenError) throw e
  if (e instanceof joseErrors.JWTExpired) throw new TokenError("expired_token", "the access token has expired")
  throw new TokenError("invalid_token", "the access token is invalid")
}
