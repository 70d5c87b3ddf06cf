import { createLocalJWKSet, exportJWK, generateKeyPair, importJWK, JWK, KeyLike } from "jose"
import { randomBytes } from "node:crypto"
import { open, seal } from "../crypto/secret-box"
import type ErpModuleService from "../../modules/erp/service"

export const TOKEN_ALG = "ES256"

type ActiveKey = { kid: string; privateKey: KeyLike }
let active: ActiveKey | undefined
let jwks: { at: number; set: ReturnType<typeof createLocalJWKSet>; keys: JWK[] } | undefined

/** How long a verifier trusts its cached copy of the published keys. */
const JWKS_CACHE_MS = 60_000

/**
 * The key that signs new access tokens: the newest unretired one, created on
 * first use. Its private half is stored encrypted.
 */
export async function getSigningKey(erp: ErpModuleService, encryptionKey: string): Promise<ActiveKey> {
  if (active) return active
  const [stored] = await erp.listErpSigningKeys({ retired_at: null }, { order: { created_at: "DESC" }, take: 1 })
  if (stored) {
    const jwk = JSON.parse(open(stored.private_jwk_encrypted, encryptionKey)) as JWK
    active = { kid: stored.kid, privateKey: (await importJWK(jwk, TOKEN_ALG)) as KeyLike }
    return active
  }
  const { publicKey, privateKey } = await generateKeyPair(TOKEN_ALG, { extractable: true })
  const kid = `erpk-${randomBytes(8).toString("hex")}`
  const publicJwk = { ...(await exportJWK(publicKey)), kid, alg: TOKEN_ALG, use: "sig" }
  await erp.createErpSigningKeys({
    kid,
    public_jwk: publicJwk,
    private_jwk_encrypted: seal(JSON.stringify(await exportJWK(privateKey)), encryptionKey),
  })
  active = { kid, privateKey }
  jwks = undefined
  return active
}

/** The public keys (JWKS) verifiers use, including recently retired ones. */
export async function getPublicJwks(erp: ErpModuleService): Promise<{ keys: JWK[]; set: ReturnType<typeof createLocalJWKSet> }> {
  if (jwks && Date.now() - jwks.at < JWKS_CACHE_MS) return jwks
  const stored = await erp.listErpSigningKeys({}, { select: ["public_jwk"] })
  const keys = stored.map((k) => k.public_jwk as unknown as JWK)
  jwks = { at: Date.now(), keys, set: createLocalJWKSet({ keys }) }
  return jwks
}

export function forgetPublicJwks(): void {
  jwks = undefined
}

/** For tests that reset the database between cases. */
export function forgetSigningKeys(): void {
  active = undefined
  jwks = undefined
}
