import { verifySecret } from "../../../lib/crypto/client-secret"
import type { ClientCredentials } from "../../../lib/oauth/client-credentials"
import type { OAuthApiService, OAuthClient } from "../../../lib/oauth/oauth-api-service"
import { OAuthError } from "../../../lib/oauth/oauth-error"
import type { OAuthApi } from "./oauth-apis"
import { beginTokenAttempt } from "./token-rate-limit"

/**
 * The client whose credentials these are, at the token endpoint: counted by
 * the rate limiter first (before the slow scrypt check, not after), then
 * found, not revoked, and its secret checked. Throws `invalid_client` with one
 * answer for an unknown client, a revoked one and a wrong secret, so the
 * answer does not tell which client_ids exist.
 */
export async function authenticateClient<Client extends OAuthClient>(
  api: OAuthApi<Client>,
  service: OAuthApiService<Client>,
  credentials: ClientCredentials,
  callerAddress: string
): Promise<Client> {
  const attempt = await beginTokenAttempt(service.oauthRateLimitSettings(), {
    endpoint: api.name,
    clientId: credentials.clientId,
    ip: callerAddress,
  })
  const found = await service.findOAuthClientForGrant(credentials.clientId)
  const authenticated =
    !!found && !found.client.revoked_at && (await verifySecret(credentials.secret, found.secretHash))
  await attempt.settle(authenticated)
  if (!found || !authenticated) throw new OAuthError("invalid_client", "unknown client or wrong secret")
  return found.client
}
