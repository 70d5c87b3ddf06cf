import { createLocalJWKSet, exportJWK, generateKeyPair, importJWK, JWK, KeyLike } from "jose"
import { randomBytes } from "node:crypto"
import { open, seal } from "../crypto/secret-box"
import type ErpModuleService from "../../modules/erp/service"

export const TOKEN_ALG = "ES256"

type ActiveKey = { kid: string; privateKey: KeyLike }

/** Imported private keys by kid (importing is the costly part; the lookup is one indexed query). */
const privateKeys = new Map<string, KeyLike>()
let jwks: { at: number; set: ReturnType<typeof createLocalJWKSet>; keys: JWK[] } | undefined

/** How long a verifier trusts its cached copy of the published keys. */
const JWKS_CACHE_MS = 60_000

/**
 * The key that signs new access tokens: the newest unretired one in the
 * database (so every process signs with the same key, and a rotation or a
 * retirement applies at the next token), created on first use. Its private
 * half is stored encrypted. Tokens are issued once per client per expiry, so
 * reading the key each time costs nothing that matters.
 */
export async function getSigningKey(erp: ErpModuleService, encryptionKey: string): Promise<ActiveKey> {
  const [stored] = await erp.listErpSigningKeys({ retired_at: null }, { order: { created_at: "DESC" }, take: 1 })
  if (stored) {
    let privateKey = privateKeys.get(stored.kid)
    if (!privateKey) {
      const jwk = JSON.parse(open(stored.private_jwk_encrypted, encryptionKey)) as JWK
      privateKey = (await importJWK(jwk, TOKEN_ALG)) as KeyLike
      privateKeys.set(stored.kid, privateKey)
    }
    return { kid: stored.kid, privateKey }
  }
  const { publicKey, privateKey } = await generateKeyPair(TOKEN_ALG, { extractable: true })
  const kid = `erpk-${randomBytes(8).toString("hex")}`
  const publicJwk = { ...(await exportJWK(publicKey)), kid, alg: TOKEN_ALG, use: "sig" }
  await erp.createErpSigningKeys({
    kid,
    public_jwk: publicJwk,
    private_jwk_encrypted: seal(JSON.stringify(await exportJWK(privateKey)), encryptionKey),
  })
  privateKeys.set(kid, privateKey)
  jwks = undefined
  return { kid, privateKey }
}

/**
 * The public keys (JWKS) verifiers use: every key not deleted, retired ones
 * included, so tokens signed just before a rotation stay valid until they
 * expire. Cached for a minute; a token with an unknown kid refreshes it.
 */
export async function getPublicJwks(
  erp: ErpModuleService,
  maxAgeMs = JWKS_CACHE_MS
): Promise<{ keys: JWK[]; set: ReturnType<typeof createLocalJWKSet> }> {
  if (jwks && Date.now() - jwks.at < maxAgeMs) return jwks
  const stored = await erp.listErpSigningKeys({}, { select: ["public_jwk"] })
  const keys = stored.map((k) => k.public_jwk as unknown as JWK)
  jwks = { at: Date.now(), keys, set: createLocalJWKSet({ keys }) }
  return jwks
}

