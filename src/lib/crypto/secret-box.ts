import { createCipheriv, createDecipheriv, createHash, randomBytes } from "node:crypto"

/**
 * Secrets at rest (webhook signing secrets, ERP credentials, OAuth signing
 * keys) are sealed with AES-256-GCM.
 *
 * Format "v2.<kid>.<iv>.<tag>.<ciphertext>", base64url parts:
 * - `kid` names the key that sealed it (keyId), so ENCRYPTION_KEY can be
 *   rotated: the keys in ENCRYPTION_KEYS_PREVIOUS still open what they sealed;
 * - the associated data (`aad`, e.g. "webhook_endpoint.secret:<endpoint id>")
 *   binds the ciphertext to its purpose and row: copied to another row or
 *   column, it does not open.
 *
 * "v1.<iv>.<tag>.<ciphertext>" (no kid, no associated data) is what the hub
 * wrote before v2. It still opens, under any configured key, so an upgrade
 * needs no downtime; `npm run secrets:rotate` re-seals it as v2.
 */

/**
 * The keys of a configuration, under the configuration's own names (module
 * options and HubConfig pass as they are): the current key seals and opens,
 * previous keys only open.
 */
export type EncryptionKeys = {
  /** ENCRYPTION_KEY */
  encryptionKey: string
  /** ENCRYPTION_KEYS_PREVIOUS: keys being rotated out. */
  previousEncryptionKeys?: readonly string[]
}

const IV_BYTES = 12
/** Full-length tags only: GCM accepts tags down to 4 bytes, and a short tag is far easier to forge. */
const TAG_BYTES = 16

type Key = { raw: Buffer; kid: string }
const derivedKeys = new Map<string, Key>()

function keyOf(encryptionKey: string): Key {
  let key = derivedKeys.get(encryptionKey)
  if (!key) {
    const raw = Buffer.from(encryptionKey, "base64")
    if (raw.length !== 32) throw new Error("ENCRYPTION_KEY must be 32 bytes (base64)")
    key = { raw, kid: createHash("sha256").update(raw).digest().subarray(0, 8).toString("base64url") }
    derivedKeys.set(encryptionKey, key)
  }
  return key
}

/** A key's id in v2 envelopes: the first 8 bytes of its SHA-256, base64url (names the key, reveals nothing of it). */
export function keyId(encryptionKey: string): string {
  return keyOf(encryptionKey).kid
}

function configuredKeys(keys: EncryptionKeys): Key[] {
  return [keys.encryptionKey, ...(keys.previousEncryptionKeys ?? [])].map(keyOf)
}

export function seal(plaintext: string, keys: EncryptionKeys, aad: string): string {
  const { raw, kid } = keyOf(keys.encryptionKey)
  const iv = randomBytes(IV_BYTES)
  const cipher = createCipheriv("aes-256-gcm", raw, iv, { authTagLength: TAG_BYTES })
  cipher.setAAD(Buffer.from(aad, "utf8"))
  const body = Buffer.concat([cipher.update(plaintext, "utf8"), cipher.final()])
  return [
    "v2",
    kid,
    iv.toString("base64url"),
    cipher.getAuthTag().toString("base64url"),
    body.toString("base64url"),
  ].join(".")
}

/** Opens what `seal` sealed for `aad` under any configured key, or a v1 envelope. Errors name `aad`, never the secret. */
export function open(sealed: string, keys: EncryptionKeys, aad: string): string {
  const parts = sealed.split(".")
  if (parts[0] === "v2" && parts.length === 5) {
    const [, kid, iv, tag, body] = parts
    const key = configuredKeys(keys).find((k) => k.kid === kid)
    if (!key) {
      throw new Error(
        `${aad}: sealed under a key that is not configured (key id ${kid}); set it in ENCRYPTION_KEYS_PREVIOUS`
      )
    }
    return decrypt(key, iv, tag, body, aad)
  }
  if (parts[0] === "v1" && parts.length === 4) {
    const [, iv, tag, body] = parts
    // v1 names no key and binds no associated data: whichever configured key authenticates it sealed it.
    for (const key of configuredKeys(keys)) {
      try {
        return decrypt(key, iv, tag, body, undefined)
      } catch {
        // the next key
      }
    }
    throw new Error(`${aad}: does not open under ENCRYPTION_KEY or ENCRYPTION_KEYS_PREVIOUS (or was altered)`)
  }
  throw new Error(`${aad}: not a sealed secret`)
}

function decrypt(key: Key, iv64: string, tag64: string, body64: string, aad: string | undefined): string {
  const iv = Buffer.from(iv64, "base64url")
  const tag = Buffer.from(tag64, "base64url")
  if (iv.length !== IV_BYTES || tag.length !== TAG_BYTES) throw new Error(`${aad ?? "v1"}: malformed sealed secret`)
  const decipher = createDecipheriv("aes-256-gcm", key.raw, iv, { authTagLength: TAG_BYTES })
  if (aad !== undefined) decipher.setAAD(Buffer.from(aad, "utf8"))
  decipher.setAuthTag(tag)
  try {
    return Buffer.concat([decipher.update(Buffer.from(body64, "base64url")), decipher.final()]).toString("utf8")
  } catch {
    throw new Error(`${aad ?? "v1"}: does not open (altered, or sealed for another row or purpose)`)
  }
}

/**
 * `sealed` sealed again as v2 under the current key, or undefined when it
 * already is. It is opened either way, so a secret that no configured key
 * opens, or one bound to another row, fails a rotation instead of passing it.
 */
export function reseal(sealed: string, keys: EncryptionKeys, aad: string): string | undefined {
  const plaintext = open(sealed, keys, aad)
  return sealed.startsWith(`v2.${keyId(keys.encryptionKey)}.`) ? undefined : seal(plaintext, keys, aad)
}
