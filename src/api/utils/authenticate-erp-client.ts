import { bearerAuthentication } from "./oauth/bearer-authentication"
import { ERP_OAUTH_API } from "./oauth/oauth-apis"
import type { ErpRequest } from "./erp-request"

/**
 * Bearer-token guard for the pull API (the shared guard: oauth/bearer-authentication.ts):
 * `authenticateErpClient("orders:read")` puts the pull client and its grants on `req.erpClient`.
 */
export const authenticateErpClient = bearerAuthentication(ERP_OAUTH_API, {
  holder: "client",
  attach(req, client, claims) {
    ;(req as ErpRequest).erpClient = {
      id: client.id,
      client_id: client.client_id,
      scopes: claims.scopes,
      grants: { sales_channel_ids: client.sales_channel_ids ?? [], company_ids: client.company_ids ?? [] },
    }
  },
})
