import type { MedusaRequest, MedusaResponse } from "@medusajs/framework/http"
import { ERP_MODULE } from "../../../../modules/erp"
import type ErpModuleService from "../../../../modules/erp/service"
import { verifySecret } from "../../../../lib/crypto/client-secret"
import { issueAccessToken, TOKEN_TTL_SECONDS } from "../../../../modules/erp/lib/tokens"
import { loadHubConfig } from "../../../../lib/config/env"
import { oauthError, readClientCredentials } from "../../../../lib/oauth/client-credentials"
import { beginTokenAttempt } from "../../../utils/token-rate-limit"

/**
 * POST /erp/oauth/token — OAuth 2.0 client credentials grant. Returns a
 * short-lived ES256 JWT (kid in its header; keys at /erp/jwks.json).
 */
export async function POST(req: MedusaRequest, res: MedusaResponse) {
  const body = (req.body ?? {}) as Record<string, string>
  res.setHeader("Cache-Control", "no-store")
  if (body.grant_type !== "client_credentials") {
    res.status(400).json(oauthError("unsupported_grant_type", "grant_type must be client_credentials"))
    return
  }
  const { id, secret } = readClientCredentials(req)
  if (!id || !secret) {
    res.status(401).json(oauthError("invalid_client", "client_id and client_secret are required"))
    return
  }
  // Rate limits (per client_id and per IP) before the scrypt check, not after.
  const attempt = await beginTokenAttempt(req, res, "erp", id)
  if (!attempt) return
  const erp = req.scope.resolve<ErpModuleService>(ERP_MODULE)
  const [client] = await erp.listErpPullClients({ client_id: id })
  const authenticated = !!client && !client.revoked_at && (await verifySecret(secret, client.client_secret_hash))
  await attempt.settle(authenticated)
  if (!client || !authenticated) {
    res.status(401).json(oauthError("invalid_client", "unknown client or wrong secret"))
    return
  }
  const granted = (client.scopes as unknown as string[]) ?? []
  const requested = body.scope ? String(body.scope).split(" ").filter(Boolean) : granted
  const refused = requested.filter((s) => !granted.includes(s))
  if (refused.length) {
    res.status(400).json(oauthError("invalid_scope", `not granted to this client: ${refused.join(" ")}`))
    return
  }
  const token = await issueAccessToken(erp, loadHubConfig().encryptionKey, client.client_id, requested)
  res.json({ access_token: token, token_type: "Bearer", expires_in: TOKEN_TTL_SECONDS, scope: requested.join(" ") })
}
