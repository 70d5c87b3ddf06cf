import { randomBytes } from "node:crypto"

const ALPHABET = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz"

/** Stripe-looking id: prefix + 24 base62 characters (`in_1Mt...`). */
export function newId(prefix: string): string {
  const bytes = randomBytes(24)
  let out = ""
  for (const b of bytes) out += ALPHABET[b % ALPHABET.length]
  return `${prefix}_${out}`
}
