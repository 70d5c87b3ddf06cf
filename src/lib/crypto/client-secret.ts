import { randomBytes, scrypt as scryptCb, timingSafeEqual } from "node:crypto"
import { promisify } from "node:util"

const scrypt = promisify(scryptCb) as (password: string, salt: Buffer, keylen: number) => Promise<Buffer>

/** Client secrets are random, shown once, and stored only as a salted scrypt hash. */
export function generateClientCredentials(prefix: string): { client_id: string; client_secret: string } {
  return {
    client_id: `${prefix}_${randomBytes(9).toString("base64url")}`,
    client_secret: `${prefix}_sk_${randomBytes(24).toString("base64url")}`,
  }
}

export async function hashSecret(secret: string): Promise<string> {
  const salt = randomBytes(16)
  const hash = await scrypt(secret, salt, 32)
  return `scrypt$${salt.toString("base64url")}$${hash.toString("base64url")}`
}

export async function verifySecret(secret: string, stored: string): Promise<boolean> {
  const [scheme, salt, hash] = stored.split("$")
  if (scheme !== "scrypt" || !salt || !hash) return false
  const expected = Buffer.from(hash, "base64url")
  const actual = await scrypt(secret, Buffer.from(salt, "base64url"), expected.length)
  return timingSafeEqual(actual, expected)
}
