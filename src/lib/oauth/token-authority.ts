import { randomBytes } from "node:crypto"
import {
  errors as joseErrors,
  exportJWK,
  generateKeyPair,
  importJWK,
  jwtVerify,
  SignJWT,
  type JWK,
  type KeyLike,
} from "jose"
import { open, seal, type EncryptionKeys } from "../crypto/secret-box"
import { publishedKeysCache, type PublishedKeys } from "./published-keys"

/**
 * Access tokens of an API we host for machines (ERP clients, partners): ES256
 * JWTs (RFC 9068 `at+jwt`) signed with keys kept in that API's own table, so a
 * leaked key of one API cannot mint tokens for the other. One implementation
 * serves both, so a hardening of one is a hardening of both.
 */

export const TOKEN_ALG = "ES256"
export const TOKEN_ISSUER = "backy"
/** RFC 9068 access-token type: an ID token or any other JWT of ours cannot be replayed here. */
export const TOKEN_TYPE = "at+jwt"
/** How long a verifier trusts its cached copy of the published keys. */
const JWKS_CACHE_MS = 60_000
/**
 * A token whose kid is not in our cached JWKS makes us reload the keys, but
 * not more often than this: forged kids must not turn into a query each.
 */
export const UNKNOWN_KID_RELOAD_MS = 5_000
const VERIFIED_CACHE_SIZE = 10_000

/** Where an API keeps its signing keys (its own table); private halves arrive sealed. */
export interface SigningKeyStore {
  /** The newest key that is not retired, if any. */
  newestUnretired(): Promise<{ kid: string; private_jwk_encrypted: string } | undefined>
  create(key: { kid: string; public_jwk: JWK; private_jwk_encrypted: string }): Promise<void>
  /** Public halves of every key not deleted, retired ones included. */
  publicKeys(): Promise<JWK[]>
}

export type AccessClaims = { client_id: string; scopes: string[] }

export class AccessTokenError extends Error {
  constructor(
    readonly code: "invalid_token" | "expired_token",
    message: string
  ) {
    super(message)
    this.name = "AccessTokenError"
  }
}

export type { PublishedKeys }

/** What a signing key's sealed private half is bound to: its table and kid (a copy in another row does not open). */
export const signingKeyAad = (keyTable: string, kid: string) => `${keyTable}:${kid}`

/** The keys seal and open the private halves: the owning module's (ENCRYPTION_KEY, ENCRYPTION_KEYS_PREVIOUS). */
export type TokenAuthorityOptions = EncryptionKeys & {
  /** The API the tokens are for (`aud`): a token of one API is refused by another. */
  audience: string
  /** Starts the kid of every key this authority creates ("erpk-…"), so a kid says whose key it is. */
  kidPrefix: string
  ttlSeconds: number
  /** The API's own key table (signing-key-table.ts). */
  keys: SigningKeyStore
  /** That table's name ("erp_signing_key"), part of what each private half is bound to (signingKeyAad). */
  keyTable: string
}

export interface TokenAuthority {
  readonly audience: string
  readonly ttlSeconds: number
  /** A token for `clientId` with `scopes`, signed by the newest unretired key (created on first use). */
  issue(clientId: string, scopes: string[], ttlSeconds?: number): Promise<string>
  /**
   * Verifies signature (ES256 only: `alg: none` and HMAC key confusion are
   * refused), type, issuer, audience, subject and expiry.
   */
  verify(token: string): Promise<AccessClaims>
  /** The signing key, for tests that forge tokens with it. */
  signingKey(): Promise<{ kid: string; privateKey: KeyLike }>
  /** The published keys (the API's jwks.json), cached for a minute. */
  publicKeys(maxAgeMs?: number): Promise<PublishedKeys>
}

export function createTokenAuthority(options: TokenAuthorityOptions): TokenAuthority {
  const { audience, kidPrefix, ttlSeconds, keys: store, keyTable } = options
  // Imported private keys by kid (importing is the costly part; the lookup is one indexed query).
  const privateKeys = new Map<string, KeyLike>()
  const published = publishedKeysCache(() => store.publicKeys(), {
    maxAgeMs: JWKS_CACHE_MS,
    unknownKidReloadMs: UNKNOWN_KID_RELOAD_MS,
  })
  // Tokens already verified, by their exact text, until they expire: a client
  // presents one token for many calls, and an ES256 verification each time
  // costs more than a page of the feed. A tampered token is a different key.
  const verified = new Map<string, { claims: AccessClaims; expiresAtMs: number }>()

  /**
   * The newest unretired key in the database, read at each token (tokens are
   * issued once per client per expiry), so every process signs with the same
   * key and a rotation or retirement applies at the next token.
   */
  async function signingKey() {
    const stored = await store.newestUnretired()
    if (stored) {
      let privateKey = privateKeys.get(stored.kid)
      if (!privateKey) {
        const jwk = JSON.parse(open(stored.private_jwk_encrypted, options, signingKeyAad(keyTable, stored.kid))) as JWK
        privateKey = (await importJWK(jwk, TOKEN_ALG)) as KeyLike
        privateKeys.set(stored.kid, privateKey)
      }
      return { kid: stored.kid, privateKey }
    }
    const { publicKey, privateKey } = await generateKeyPair(TOKEN_ALG, { extractable: true })
    const kid = `${kidPrefix}-${randomBytes(8).toString("hex")}`
    await store.create({
      kid,
      public_jwk: { ...(await exportJWK(publicKey)), kid, alg: TOKEN_ALG, use: "sig" },
      private_jwk_encrypted: seal(JSON.stringify(await exportJWK(privateKey)), options, signingKeyAad(keyTable, kid)),
    })
    privateKeys.set(kid, privateKey)
    published.forget()
    return { kid, privateKey }
  }

  async function verifyWith({ set }: PublishedKeys, token: string): Promise<AccessClaims> {
    const { payload } = await jwtVerify(token, set, {
      algorithms: [TOKEN_ALG],
      typ: TOKEN_TYPE,
      issuer: TOKEN_ISSUER,
      audience,
    })
    if (typeof payload.sub !== "string") throw new AccessTokenError("invalid_token", "the access token has no subject")
    if (typeof payload.exp !== "number") throw new AccessTokenError("invalid_token", "the access token has no expiry")
    const claims = {
      client_id: payload.sub,
      scopes: String(payload.scope ?? "")
        .split(" ")
        .filter(Boolean),
    }
    if (verified.size >= VERIFIED_CACHE_SIZE) verified.delete(verified.keys().next().value!)
    verified.set(token, { claims, expiresAtMs: payload.exp * 1000 })
    return claims
  }

  return {
    audience,
    ttlSeconds,
    signingKey,
    publicKeys: (maxAgeMs) => published.current(maxAgeMs),
    async issue(clientId, scopes, ttl = ttlSeconds) {
      const key = await signingKey()
      const now = Math.floor(Date.now() / 1000)
      return await new SignJWT({ scope: scopes.join(" ") })
        .setProtectedHeader({ alg: TOKEN_ALG, kid: key.kid, typ: TOKEN_TYPE })
        .setIssuer(TOKEN_ISSUER)
        .setAudience(audience)
        .setSubject(clientId)
        .setIssuedAt(now)
        .setExpirationTime(now + ttl)
        .sign(key.privateKey)
    },
    async verify(token) {
      const hit = verified.get(token)
      if (hit) {
        if (hit.expiresAtMs > Date.now()) return hit.claims
        verified.delete(token)
        throw new AccessTokenError("expired_token", "the access token has expired")
      }
      // Outside the try: a failed read of the key table is not the token's fault (the guard logs it).
      const keys = await published.current()
      try {
        return await verifyWith(keys, token)
      } catch (e) {
        if (!(e instanceof joseErrors.JWKSNoMatchingKey)) return toTokenError(e)
        // A kid our copy lacks: a key another process created since, or a
        // forged one. Reload (single-flight, throttled) and try once more.
        const reloaded = await published.afterUnknownKid()
        if (reloaded.set === keys.set) return toTokenError(e)
        return await verifyWith(reloaded, token).catch(toTokenError)
      }
    },
  }
}

function toTokenError(e: unknown): never {
  if (e instanceof AccessTokenError) throw e
  if (e instanceof joseErrors.JWTExpired) throw new AccessTokenError("expired_token", "the access token has expired")
  throw new AccessTokenError("invalid_token", "the access token is invalid")
}
