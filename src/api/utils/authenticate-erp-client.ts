import type { MedusaNextFunction, MedusaRequest, MedusaResponse } from "@medusajs/framework/http"
import { ERP_MODULE } from "../../modules/erp"
import type ErpModuleService from "../../modules/erp/service"
import { verifyAccessToken } from "../../modules/erp/lib/tokens"
import { AccessTokenError } from "../../lib/oauth/token-authority"
import { refuseBearer } from "./refuse-bearer"
import type { ErpRequest } from "./erp-request"

const REALM = "backy-erp"

/**
 * Bearer-token guard for the pull API: 401 for a missing, tampered, expired or
 * revoked token, 403 when the token lacks `scope` (bodies: refuse-bearer.ts).
 */
export function authenticateErpClient(scope: string) {
  return async function authenticateErpToken(req: MedusaRequest, res: MedusaResponse, next: MedusaNextFunction) {
    const match = /^Bearer\s+(\S+)$/i.exec(req.headers.authorization ?? "")
    if (!match) return refuseBearer(res, REALM, { status: 401, missing: true })
    const erp = req.scope.resolve<ErpModuleService>(ERP_MODULE)
    let claims
    try {
      claims = await verifyAccessToken(erp, match[1])
    } catch (e) {
      if (!(e instanceof AccessTokenError)) throw e
      return refuseBearer(res, REALM, { status: 401, code: e.code, message: e.message })
    }
    const client = await erp.getPullClient(claims.client_id)
    if (!client || client.revoked_at) {
      return refuseBearer(res, REALM, {
        status: 401,
        code: "invalid_token",
        message: "the client of this token is revoked",
      })
    }
    if (!claims.scopes.includes(scope)) return refuseBearer(res, REALM, { status: 403, scope })
    ;(req as ErpRequest).erpClient = {
      id: client.id,
      client_id: client.client_id,
      scopes: claims.scopes,
      grants: { sales_channel_ids: client.sales_channel_ids ?? [], company_ids: client.company_ids ?? [] },
    }
    next()
  }
}
