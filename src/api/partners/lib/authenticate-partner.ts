import type { MedusaNextFunction, MedusaRequest, MedusaResponse } from "@medusajs/framework/http"
import { HUB_MODULE } from "../../../modules/hub"
import type HubModuleService from "../../../modules/hub/service"
import { verifyPartnerToken } from "../../../lib/partner-auth/tokens"
import { AccessTokenError } from "../../../lib/oauth/token-authority"
import type { PartnerRequest } from "./partner-request"

const REALM = 'Bearer realm="backy-partners"'

/**
 * Bearer-token guard for the partner API: 401 for a missing, malformed,
 * tampered, expired or foreign token (or a revoked partner), 403 when the
 * token lacks `scope`. The body names the problem; the token never appears
 * in a response or a log line.
 */
export function authenticatePartner(scope: string) {
  return async function authenticatePartnerToken(req: MedusaRequest, res: MedusaResponse, next: MedusaNextFunction) {
    const match = /^Bearer\s+(\S+)$/i.exec(req.headers.authorization ?? "")
    if (!match) {
      res.setHeader("WWW-Authenticate", REALM)
      res.status(401).json({ type: "unauthorized", code: "invalid_token", message: "Authorization: Bearer <access token> is required" })
      return
    }
    const hub = req.scope.resolve<HubModuleService>(HUB_MODULE)
    let claims
    try {
      claims = await verifyPartnerToken(hub, match[1])
    } catch (e) {
      const code = e instanceof AccessTokenError ? e.code : "invalid_token"
      res.setHeader("WWW-Authenticate", `${REALM}, error="invalid_token"`)
      res.status(401).json({ type: "unauthorized", code, message: e instanceof AccessTokenError ? e.message : "the access token is invalid" })
      return
    }
    const partner = await hub.partnerByClientId(claims.client_id)
    if (!partner || partner.revoked_at) {
      res.setHeader("WWW-Authenticate", `${REALM}, error="invalid_token"`)
      res.status(401).json({ type: "unauthorized", code: "invalid_token", message: "the partner of this token is revoked" })
      return
    }
    if (!claims.scopes.includes(scope) || !hub.grantedScopes(partner).includes(scope)) {
      res.setHeader("WWW-Authenticate", `${REALM}, error="insufficient_scope", scope="${scope}"`)
      res.status(403).json({ type: "forbidden", code: "insufficient_scope", message: `this call needs the ${scope} scope` })
      return
    }
    ;(req as PartnerRequest).partner = { id: partner.id, client_id: partner.client_id, scopes: claims.scopes }
    next()
  }
}
