import type { MedusaNextFunction, MedusaRequest, MedusaResponse } from "@medusajs/framework/http"
import type { OAuthClient } from "../../../lib/oauth/oauth-api-service"
import { AccessTokenError, type AccessClaims } from "../../../lib/oauth/token-authority"
import { refuseBearer } from "../refuse-bearer"
import type { OAuthApi } from "./oauth-apis"

export type BearerOptions<Client extends OAuthClient> = {
  /** Whose token it is, in the revoked-token message: "client", "partner". */
  holder: string
  /** Puts the authenticated client on the request, for the routes. */
  attach(req: MedusaRequest, client: Client, claims: AccessClaims): void
}

/**
 * The bearer-token guard of an OAuth API (RFC 6750), the same on /erp and
 * /partners: `guard(scope)` answers 401 to a missing, malformed, tampered,
 * expired or foreign token and to the token of a revoked client, 403 when the
 * token or the client's current grant lacks `scope` (bodies:
 * refuse-bearer.ts). The token never appears in a response or a log line.
 */
export function bearerAuthentication<Client extends OAuthClient>(
  api: OAuthApi<Client>,
  options: BearerOptions<Client>
) {
  return function guard(scope: string) {
    return async function authenticateBearer(req: MedusaRequest, res: MedusaResponse, next: MedusaNextFunction) {
      const match = /^Bearer\s+(\S+)$/i.exec(req.headers.authorization ?? "")
      if (!match) return refuseBearer(res, api.realm, { status: 401, missing: true })
      const service = api.service(req.scope)
      let claims: AccessClaims
      try {
        claims = await service.verifyAccessToken(match[1])
      } catch (e) {
        if (!(e instanceof AccessTokenError)) throw e
        return refuseBearer(res, api.realm, { status: 401, code: e.code, message: e.message })
      }
      const client = await service.findOAuthClient(claims.client_id)
      if (!client || client.revoked_at) {
        const message = `the ${options.holder} of this token is revoked`
        return refuseBearer(res, api.realm, { status: 401, code: "invalid_token", message })
      }
      // The client's grant is read now: a scope withdrawn since the token was issued is withdrawn at once.
      if (!claims.scopes.includes(scope) || !client.scopes.includes(scope))
        return refuseBearer(res, api.realm, { status: 403, scope })
      options.attach(req, client, claims)
      next()
    }
  }
}
