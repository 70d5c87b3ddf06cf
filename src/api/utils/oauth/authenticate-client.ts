import { randomBytes } from "node:crypto"
import { hashSecret, verifySecret } from "../../../lib/crypto/client-secret"
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
 * answer does not tell which client_ids exist. An unknown or revoked client
 * still pays one scrypt check (against a hash of nothing anyone holds), so the
 * response time does not tell either.
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
  const usable = !!found && !found.client.revoked_at
  const secretMatches = await verifySecret(credentials.secret, usable ? found.secretHash : await decoyHash)
  const authenticated = usable && secretMatches
  await attempt.settle(authenticated)
  if (!found || !authenticated) throw new OAuthError("invalid_client", "unknown client or wrong secret")
  return found.client
}

/**
 * A valid hash (hashSecret's parameters) of a random secret nobody holds,
 * made once per process when it loads, not at the first unknown client_id,
 * which would otherwise pay a second scrypt and stand out.
 */
const decoyHash: Promise<string> = hashSecret(randomBytes(32).toString("base64url"))
