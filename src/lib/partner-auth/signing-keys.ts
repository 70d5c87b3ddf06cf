import { createLocalJWKSet, exportJWK, generateKeyPair, importJWK, type JWK, type KeyLike } from "jose"
import { randomBytes } from "node:crypto"
import { open, seal } from "../crypto/secret-box"
import type HubModuleService from "../../modules/hub/service"

/**
 * Partner access tokens are ES256 JWTs. The pattern follows src/lib/erp-auth
 * (kept separate: partners and ERP clients are different audiences with
 * their own keys, so one leaked key cannot mint the other's tokens).
 */
export const PARTNER_TOKEN_ALG = "ES256"

type ActiveKey = { kid: string; privateKey: KeyLike }
type PublicKeys = { at: number; keys: JWK[]; set: ReturnType<typeof createLocalJWKSet> }

let active: ActiveKey | undefined
let published: PublicKeys | undefined

/** How long a verifier trusts its copy of the published keys. */
const JWKS_CACHE_MS = 60_000

/**
 * The key that signs new tokens: the newest unretired one, created on first
 * use. Its private half is stored sealed with ENCRYPTION_KEY.
 */
export async function getPartnerSigningKey(hub: HubModuleService, encryptionKey: string): Promise<ActiveKey> {
  if (active) return active
  const [stored] = await hub.listPartnerSigningKeys({ retired_at: null }, { order: { created_at: "DESC" }, take: 1 })
  if (stored) {
    const jwk = JSON.parse(open(stored.private_jwk_encrypted, encryptionKey)) as JWK
    active = { kid: stored.kid, privateKey: (await importJWK(jwk, PARTNER_TOKEN_ALG)) as KeyLike }
    return active
  }
  const { publicKey, privateKey } = await generateKeyPair(PARTNER_TOKEN_ALG, { extractable: true })
  const kid = `ptnk-${randomBytes(8).toString("hex")}`
  await hub.createPartnerSigningKeys({
    kid,
    public_jwk: { ...(await exportJWK(publicKey)), kid, alg: PARTNER_TOKEN_ALG, use: "sig" },
    private_jwk_encrypted: seal(JSON.stringify(await exportJWK(privateKey)), encryptionKey),
  })
  active = { kid, privateKey }
  published = undefined
  return active
}

/** The public keys verifiers use (GET /partners/jwks.json), including retired ones. */
export async function getPartnerPublicKeys(hub: HubModuleService): Promise<PublicKeys> {
  if (published && Date.now() - published.at < JWKS_CACHE_MS) return published
  const stored = await hub.listPartnerSigningKeys({}, { select: ["public_jwk"] })
  const keys = stored.map((k) => k.public_jwk as unknown as JWK)
  published = { at: Date.now(), keys, set: createLocalJWKSet({ keys }) }
  return published
}

export function forgetPartnerPublicKeys(): void {
  published = undefined
}

/** For tests that reset the database between cases. */
export function forgetPartnerSigningKeys(): void {
  active = undefined
  published = undefined
}
