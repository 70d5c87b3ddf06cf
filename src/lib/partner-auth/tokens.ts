import { errors as joseErrors, jwtVerify, SignJWT } from "jose"
import type HubModuleService from "../../modules/hub/service"
import { forgetPartnerPublicKeys, getPartnerPublicKeys, getPartnerSigningKey, PARTNER_TOKEN_ALG } from "./signing-keys"

export const PARTNER_TOKEN_ISSUER = "backy"
export const PARTNER_TOKEN_AUDIENCE = "backy-partner-api"
/** Short-lived: a leaked token is useful for minutes, and revocation bites fast. */
export const PARTNER_TOKEN_TTL_SECONDS = 900

export type PartnerClaims = { client_id: string; scopes: string[] }

export class PartnerTokenError extends Error {
  constructor(readonly code: "invalid_token" | "expired_token", message: string) {
    super(message)
    this.name = "PartnerTokenError"
  }
}

export async function issuePartnerToken(hub: HubModuleService, encryptionKey: string, clientId: string, scopes: string[]): Promise<string> {
  const key = await getPartnerSigningKey(hub, encryptionKey)
  return await new SignJWT({ scope: scopes.join(" ") })
    .setProtectedHeader({ alg: PARTNER_TOKEN_ALG, kid: key.kid, typ: "at+jwt" })
    .setIssuer(PARTNER_TOKEN_ISSUER)
    .setAudience(PARTNER_TOKEN_AUDIENCE)
    .setSubject(clientId)
    .setIssuedAt()
    .setExpirationTime(`${PARTNER_TOKEN_TTL_SECONDS}s`)
    .sign(key.privateKey)
}

/**
 * Verifies the signature with ES256 only (so `alg: none` and HMAC-with-the-
 * public-key confusion are refused), the issuer, the audience, and that the
 * token carries and is within `exp`.
 */
export async function verifyPartnerToken(hub: HubModuleService, token: string, retried = false): Promise<PartnerClaims> {
  const { set } = await getPartnerPublicKeys(hub)
  try {
    const { payload } = await jwtVerify(token, set, {
      algorithms: [PARTNER_TOKEN_ALG],
      issuer: PARTNER_TOKEN_ISSUER,
      audience: PARTNER_TOKEN_AUDIENCE,
      requiredClaims: ["exp", "iat", "sub"],
      typ: "at+jwt",
    })
    return { client_id: String(payload.sub), scopes: String(payload.scope ?? "").split(" ").filter(Boolean) }
  } catch (e) {
    // A key created by another process since our copy of the keys: refresh once.
    if (e instanceof joseErrors.JWKSNoMatchingKey && !retried) {
      forgetPartnerPublicKeys()
      return await verifyPartnerToken(hub, token, true)
    }
    if (e instanceof joseErrors.JWTExpired) throw new PartnerTokenError("expired_token", "the access token has expired")
    throw new PartnerTokenError("invalid_token", "the access token is invalid")
  }
}
