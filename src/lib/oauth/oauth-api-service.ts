import type { JWK } from "jose"
import type { HubConfig } from "../config/env"
import type { AccessClaims } from "./token-authority"

/** A client of an OAuth API we host (an ERP pull client, a partner), as the shared routes see it. */
export type OAuthClient = {
  id: string
  client_id: string
  /** The scopes granted to the client now (a token carries a subset of them). */
  scopes: string[]
  revoked_at: Date | string | null
}

/** The part of a token response (RFC 6749 §5.1) the module decides. */
export type IssuedAccessToken = { access_token: string; expires_in: number }

/** What the token endpoints' rate limiter needs: the module options both modules receive. */
export type OAuthRateLimitSettings = Pick<HubConfig, "redisUrl" | "queuePrefix" | "oauthRateLimit">

/**
 * What a module hosting an OAuth client-credentials API (erp: pull clients,
 * outbox: partners) offers the shared token, JWKS and bearer code
 * (src/api/utils/oauth). The module keeps its clients, signs with its own
 * keys and its own encryption key: routes never handle either.
 */
export interface OAuthApiService<Client extends OAuthClient = OAuthClient> {
  /** For the token endpoint: the client registered as `clientId` and its secret's hash, read now; undefined if unknown or deleted. */
  findOAuthClientForGrant(clientId: string): Promise<{ client: Client; secretHash: string } | undefined>
  /** For every bearer call: the client a verified token names (may be cached briefly); undefined if unknown or deleted. */
  findOAuthClient(clientId: string): Promise<Client | undefined>
  issueAccessToken(clientId: string, scopes: string[], ttlSeconds?: number): Promise<IssuedAccessToken>
  /** The token's claims; throws AccessTokenError for any token this API did not issue or that expired. */
  verifyAccessToken(token: string): Promise<AccessClaims>
  /** The public keys verifying this API's tokens (its jwks.json). */
  publishedSigningKeys(): Promise<JWK[]>
  oauthRateLimitSettings(): OAuthRateLimitSettings
}
