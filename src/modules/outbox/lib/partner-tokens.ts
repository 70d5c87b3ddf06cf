import type OutboxModuleService from "../service"
import {
  createTokenAuthority,
  type AccessClaims,
  type PublishedKeys,
  type SigningKeyStore,
} from "../../../lib/oauth/token-authority"
import { writeSecretRow } from "../../../lib/errors/secret-row-write"

export const PARTNER_TOKEN_AUDIENCE = "backy-partner-api"
/** Short-lived: a leaked token is useful for minutes, and revocation bites fast. */
export const PARTNER_TOKEN_TTL_SECONDS = 900

const authority = createTokenAuthority({
  audience: PARTNER_TOKEN_AUDIENCE,
  kidPrefix: "ptnk",
  ttlSeconds: PARTNER_TOKEN_TTL_SECONDS,
})

/** Partners' keys: the hub module's partner_signing_key table (not the ERP's: different audiences, different keys). */
function partnerSigningKeys(hub: OutboxModuleService): SigningKeyStore {
  return {
    async newestUnretired() {
      const [key] = await hub.listPartnerSigningKeys({ retired_at: null }, { order: { created_at: "DESC" }, take: 1 })
      return key
    },
    async create(key) {
      await writeSecretRow("partner signing key", () => hub.createPartnerSigningKeys(key as any))
    },
    async publicKeys() {
      return (await hub.listPartnerSigningKeys({}, { select: ["public_jwk"] })).map((k) => k.public_jwk as any)
    },
  }
}

export function issuePartnerToken(
  hub: OutboxModuleService,
  encryptionKey: string,
  clientId: string,
  scopes: string[]
): Promise<string> {
  return authority.issue(partnerSigningKeys(hub), encryptionKey, clientId, scopes)
}

export function verifyPartnerToken(hub: OutboxModuleService, token: string): Promise<AccessClaims> {
  return authority.verify(partnerSigningKeys(hub), token)
}

/** GET /partners/jwks.json. */
export function getPartnerPublicKeys(hub: OutboxModuleService): Promise<PublishedKeys> {
  return authority.publicKeys(partnerSigningKeys(hub))
}

/** The key signing partner tokens now (tests forge tokens with it). */
export function getPartnerSigningKey(hub: OutboxModuleService, encryptionKey: string) {
  return authority.signingKey(partnerSigningKeys(hub), encryptionKey)
}
