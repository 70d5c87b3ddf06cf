import type { MedusaNextFunction, MedusaRequest, MedusaResponse } from "@medusajs/framework/http"
import { logger } from "@medusajs/framework/logger"
import { describeError } from "../../../lib/errors/describe-error"
import type { OAuthClient } from "../../../lib/oauth/oauth-api-service"
import { AccessTokenError, type AccessClaims } from "../../../lib/oauth/token-authority"
import { refuseBearer } from "../refuse-bearer"
import type { OAuthApi } from "./oauth-apis"

/** The only descriptions a refused token gets: nothing of what failed behind them reaches the caller. */
const TOKEN_REFUSALS: Record<AccessTokenError["code"], string> = {
  invalid_token: "the access token is invalid",
  expired_token: "the access token has expired",
}

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
 * A refusal's description is one of a fixed few: a failure behind the check
 * (the key table, the client's row) is logged, and answered as an invalid
 * token without a word of its own.
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
      let client: Client | undefined
      try {
        claims = await service.verifyAccessToken(match[1])
        client = await service.findOAuthClient(claims.client_id)
      } catch (e) {
        const refuseToken = (code: AccessTokenError["code"]) =>
          refuseBearer(res, api.realm, { status: 401, code, message: TOKEN_REFUSALS[code] })
        if (e instanceof AccessTokenError) return refuseToken(e.code)
        // The detail (a store's error, never the token) is for our logs only.
        logger.error(`${api.name} bearer check failed: ${describeError(e)}`)
        return refuseToken("invalid_token")
      }
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
