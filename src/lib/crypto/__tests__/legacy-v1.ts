import { createCipheriv, randomBytes } from "node:crypto"

/**
 * A secret sealed as the hub sealed it before v2 ("v1.<iv>.<tag>.<ciphertext>":
 * AES-256-GCM, no key id, no associated data): rows like this exist in
 * databases today, and must still open.
 */
export function sealV1(plaintext: string, encryptionKey: string): string {
  const iv = randomBytes(12)
  const cipher = createCipheriv("aes-256-gcm", Buffer.from(encryptionKey, "base64"), iv)
  const body = Buffer.concat([cipher.update(plaintext, "utf8"), cipher.final()])
  return ["v1", iv, cipher.getAuthTag(), body]
    .map((p) => (typeof p === "string" ? p : p.toString("base64url")))
    .join(".")
}
