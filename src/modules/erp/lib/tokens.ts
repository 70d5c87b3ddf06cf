import type ErpModuleService from "../service"
import {
  createTokenAuthority,
  type AccessClaims,
  type PublishedKeys,
  type SigningKeyStore,
} from "../../../lib/oauth/token-authority"
import { writeSecretRow } from "../../../lib/errors/secret-row-write"

export const TOKEN_AUDIENCE = "backy-erp-api"
/** Short-lived: a leaked token is useful for minutes, and revocation bites fast. */
export const TOKEN_TTL_SECONDS = 600

const authority = createTokenAuthority({ audience: TOKEN_AUDIENCE, kidPrefix: "erpk", ttlSeconds: TOKEN_TTL_SECONDS })

/** ERP pull clients' keys: the erp module's erp_signing_key table. */
function erpSigningKeys(erp: ErpModuleService): SigningKeyStore {
  return {
    async newestUnretired() {
      const [key] = await erp.listErpSigningKeys({ retired_at: null }, { order: { created_at: "DESC" }, take: 1 })
      return key
    },
    async create(key) {
      await writeSecretRow("ERP signing key", () => erp.createErpSigningKeys(key as any))
    },
    async publicKeys() {
      return (await erp.listErpSigningKeys({}, { select: ["public_jwk"] })).map((k) => k.public_jwk as any)
    },
  }
}

export function issueAccessToken(
  erp: ErpModuleService,
  encryptionKey: string,
  clientId: string,
  scopes: string[],
  ttlSeconds?: number
): Promise<string> {
  return authority.issue(erpSigningKeys(erp), encryptionKey, clientId, scopes, ttlSeconds)
}

export function verifyAccessToken(erp: ErpModuleService, token: string): Promise<AccessClaims> {
  return authority.verify(erpSigningKeys(erp), token)
}

/** GET /erp/jwks.json: every key not deleted, retired ones included (their tokens stay valid until they expire). */
export function getPublicJwks(erp: ErpModuleService): Promise<PublishedKeys> {
  return authority.publicKeys(erpSigningKeys(erp))
}
