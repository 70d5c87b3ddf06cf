import type { MedusaRequest, MedusaResponse } from "@medusajs/framework/http"
import { callerAddress, requestAddress } from "../../../lib/oauth/caller-address"
import { usesBasicAuthentication } from "../../../lib/oauth/client-credentials"
import type { OAuthClient } from "../../../lib/oauth/oauth-api-service"
import { OAuthError } from "../../../lib/oauth/oauth-error"
import { scopesToIssue } from "../../../lib/oauth/scope"
import { readTokenRequest } from "../../../lib/oauth/token-request"
import { authenticateClient } from "./authenticate-client"
import type { OAuthApi } from "./oauth-apis"
import { hubMetrics } from "../../../lib/metrics/registry"
import { logger } from "@medusajs/framework/logger"
import { logWith } from "../../../lib/logging/fields-logger"

/**
 * The OAuth 2.0 client-credentials grant (RFC 6749 §4.4): the token endpoint
 * of every API we host for machines, POST /erp/oauth/token and
 * POST /partners/oauth/token.
 *
 * In order: the request's shape (grant_type, exactly one client
 * authentication — HTTP Basic or body parameters —, scope syntax;
 * src/lib/oauth/token-request.ts), the rate limits and the client's secret
 * (authenticate-client.ts), the scopes (requested ⊆ granted, none requested =
 * all granted; src/lib/oauth/scope.ts), then a short-lived ES256 JWT signed by
 * the API's module with its own keys. Every refusal is an RFC 6749 §5.2 error
 * body; none is cached.
 */
export function clientCredentialsGrant<Client extends OAuthClient>(api: OAuthApi<Client>) {
  return async function tokenEndpoint(req: MedusaRequest, res: MedusaResponse): Promise<void> {
    res.setHeader("Cache-Control", "no-store")
    try {
      const request = readTokenRequest(req.headers.authorization, req.body)
      const service = api.service(req.scope)
      // Not req.ip: Medusa sets Express's "trust proxy" to 1, so with no proxy in
      // front a caller's own X-Forwarded-For would choose the address counted.
      const { trustProxy } = service.oauthRateLimitSettings().oauthRateLimit
      const address = callerAddress(
        requestAddress(req.socket?.remoteAddress, req.headers["x-forwarded-for"], trustProxy)
      )
      const client = await authenticateClient(api, service, request.credentials, address)
      const scopes = scopesToIssue(request.scope, client.scopes)
      const { access_token, expires_in } = await service.issueAccessToken(client.client_id, scopes)
      res.json({ access_token, token_type: "Bearer", expires_in, scope: scopes.join(" ") })
    } catch (error) {
      if (!(error instanceof OAuthError)) throw error
      refuse(req, res, api, error)
    }
  }
}

function refuse<Client extends OAuthClient>(
  req: MedusaRequest,
  res: MedusaResponse,
  api: OAuthApi<Client>,
  error: OAuthError
): void {
  hubMetrics().tokenRefusals.inc({ endpoint: api.name, reason: error.code })
  // A refusal is an auth event worth a line; the credentials never are part of it.
  logWith(logger, "info", `${api.name} token request refused: ${error.code}`, { status: error.status })
  // RFC 6749 §5.2: a client that tried HTTP Basic gets a 401 with a challenge of that scheme.
  if (error.code === "invalid_client" && usesBasicAuthentication(req.headers.authorization))
    res.setHeader("WWW-Authenticate", `Basic realm="${api.realm}"`)
  if (error.retryAfterSeconds !== undefined) res.setHeader("Retry-After", String(error.retryAfterSeconds))
  res.status(error.status).json(error.body)
}
