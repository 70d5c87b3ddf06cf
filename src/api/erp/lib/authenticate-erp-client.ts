import type { MedusaNextFunction, MedusaRequest, MedusaResponse } from "@medusajs/framework/http"
import { ERP_MODULE } from "../../../modules/erp"
import type ErpModuleService from "../../../modules/erp/service"
import { verifyAccessToken } from "../../../lib/erp-auth/tokens"
import { AccessTokenError } from "../../../lib/oauth/token-authority"
import { ErpRequest, oauthError } from "./erp-request"

/**
 * Bearer-token guard for the pull API: 401 for a missing, tampered, expired or
 * revoked token, 403 when the token lacks `scope`.
 */
export function authenticateErpClient(scope: string) {
  return async (req: MedusaRequest, res: MedusaResponse, next: MedusaNextFunction) => {
    const header = req.headers.authorization ?? ""
    const match = /^Bearer\s+(\S+)$/i.exec(header)
    if (!match) {
      res.setHeader("WWW-Authenticate", 'Bearer realm="backy-erp"')
      res.status(401).json(oauthError("invalid_token", "Authorization: Bearer <access token> is required"))
      return
    }
    const erp = req.scope.resolve<ErpModuleService>(ERP_MODULE)
    let claims
    try {
      claims = await verifyAccessToken(erp, match[1])
    } catch (e) {
      const code = e instanceof AccessTokenError ? e.code : "invalid_token"
      res.setHeader("WWW-Authenticate", `Bearer realm="backy-erp", error="invalid_token"`)
      res.status(401).json(oauthError("invalid_token", e instanceof Error ? e.message : code))
      return
    }
    const client = await erp.getPullClient(claims.client_id)
    if (!client || client.revoked_at) {
      res.status(401).json(oauthError("invalid_token", "the client of this token is revoked"))
      return
    }
    if (!claims.scopes.includes(scope)) {
      res.setHeader("WWW-Authenticate", `Bearer realm="backy-erp", error="insufficient_scope", scope="${scope}"`)
      res.status(403).json(oauthError("insufficient_scope", `this call needs the ${scope} scope`))
      return
    }
    ;(req as ErpRequest).erpClient = {
      id: client.id,
      client_id: client.client_id,
      scopes: claims.scopes,
      grants: { sales_channel_ids: client.sales_channel_ids ?? [], company_ids: client.company_ids ?? [] },
    }
    next()
  }
}
