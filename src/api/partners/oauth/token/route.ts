import type { MedusaRequest, MedusaResponse } from "@medusajs/framework/http"
import { OUTBOX_MODULE } from "../../../../modules/outbox"
import type OutboxModuleService from "../../../../modules/outbox/service"
import { issuePartnerToken, PARTNER_TOKEN_TTL_SECONDS } from "../../../../modules/outbox/lib/partner-tokens"
import { loadHubConfig } from "../../../../lib/config/env"
import { oauthError, readClientCredentials } from "../../../../lib/oauth/client-credentials"
import { beginTokenAttempt } from "../../../utils/token-rate-limit"

/**
 * POST /partners/oauth/token — OAuth 2.0 client credentials grant (JSON or
 * form body). Returns a short-lived ES256 JWT access token (`kid` in its
 * header; public keys at /partners/jwks.json) with the granted scopes.
 */
export async function POST(req: MedusaRequest, res: MedusaResponse) {
  const body = (req.body ?? {}) as Record<string, unknown>
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
  const attempt = await beginTokenAttempt(req, res, "partners", id)
  if (!attempt) return
  const hub = req.scope.resolve<OutboxModuleService>(OUTBOX_MODULE)
  const partner = await hub.authenticatePartner(id, secret)
  await attempt.settle(!!partner)
  if (!partner) {
    res.status(401).json(oauthError("invalid_client", "unknown client or wrong secret"))
    return
  }
  const granted = hub.grantedScopes(partner)
  const requested =
    typeof body.scope === "string" && body.scope.trim() ? body.scope.split(" ").filter(Boolean) : granted
  const refused = requested.filter((s) => !granted.includes(s))
  if (refused.length) {
    res.status(400).json(oauthError("invalid_scope", `not granted to this client: ${refused.join(" ")}`))
    return
  }
  const token = await issuePartnerToken(hub, loadHubConfig().encryptionKey, partner.client_id, requested)
  res.json({
    access_token: token,
    token_type: "Bearer",
    expires_in: PARTNER_TOKEN_TTL_SECONDS,
    scope: requested.join(" "),
  })
}
