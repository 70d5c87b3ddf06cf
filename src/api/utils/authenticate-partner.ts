import type { MedusaNextFunction, MedusaRequest, MedusaResponse } from "@medusajs/framework/http"
import { OUTBOX_MODULE } from "../../modules/outbox"
import type OutboxModuleService from "../../modules/outbox/service"
import { verifyPartnerToken } from "../../modules/outbox/lib/partner-tokens"
import { AccessTokenError } from "../../lib/oauth/token-authority"
import { refuseBearer } from "./refuse-bearer"
import type { PartnerRequest } from "./partner-request"

const REALM = "backy-partners"

/**
 * Bearer-token guard for the partner API: 401 for a missing, malformed,
 * tampered, expired or foreign token (or a revoked partner), 403 when the
 * token lacks `scope` (bodies: refuse-bearer.ts). The token never appears
 * in a response or a log line.
 */
export function authenticatePartner(scope: string) {
  return async function authenticatePartnerToken(req: MedusaRequest, res: MedusaResponse, next: MedusaNextFunction) {
    const match = /^Bearer\s+(\S+)$/i.exec(req.headers.authorization ?? "")
    if (!match) return refuseBearer(res, REALM, { status: 401, missing: true })
    const hub = req.scope.resolve<OutboxModuleService>(OUTBOX_MODULE)
    let claims
    try {
      claims = await verifyPartnerToken(hub, match[1])
    } catch (e) {
      if (!(e instanceof AccessTokenError)) throw e
      return refuseBearer(res, REALM, { status: 401, code: e.code, message: e.message })
    }
    const partner = await hub.partnerByClientId(claims.client_id)
    if (!partner || partner.revoked_at) {
      return refuseBearer(res, REALM, {
        status: 401,
        code: "invalid_token",
        message: "the partner of this token is revoked",
      })
    }
    if (!claims.scopes.includes(scope) || !hub.grantedScopes(partner).includes(scope))
      return refuseBearer(res, REALM, { status: 403, scope })
    ;(req as PartnerRequest).partner = { id: partner.id, client_id: partner.client_id, scopes: claims.scopes }
    next()
  }
}
