import { createCipheriv, createDecipheriv, randomBytes } from "node:crypto"

/**
 * Secrets at rest (webhook signing secrets, ERP credentials) are sealed with
 * AES-256-GCM under ENCRYPTION_KEY. Format: "v1.<iv>.<tag>.<ciphertext>",
 * base64url parts, so the key version can change later.
 */
const VERSION = "v1"

function key(encryptionKey: string): Buffer {
  const raw = Buffer.from(encryptionKey, "base64")
  if (raw.length !== 32) throw new Error("ENCRYPTION_KEY must be 32 bytes (base64)")
  return raw
}

export function seal(plaintext: string, encryptionKey: string): string {
  const iv = randomBytes(12)
  const cipher = createCipheriv("aes-256-gcm", key(encryptionKey), iv)
  const body = Buffer.concat([cipher.update(plaintext, "utf8"), cipher.final()])
  return [
    VERSION,
    iv.toString("base64url"),
    cipher.getAuthTag().toString("base64url"),
    body.toString("base64url"),
  ].join(".")
}

export function open(sealed: string, encryptionKey: string): string {
  const [version, iv, tag, body] = sealed.split(".")
  if (version !== VERSION || !iv || !tag || body === undefined) throw new Error("Not a sealed secret")
  const decipher = createDecipheriv("aes-256-gcm", key(encryptionKey), Buffer.from(iv, "base64url"))
  decipher.setAuthTag(Buffer.from(tag, "base64url"))
  return Buffer.concat([decipher.update(Buffer.from(body, "base64url")), decipher.final()]).toString("utf8")
}
