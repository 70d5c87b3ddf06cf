import { randomFillSync } from "node:crypto"

/**
 * Medusa-style ids (`<prefix>_<ULID>`: 48-bit time + 80 random bits, Crockford
 * base32, sortable by creation time) for the hub's hot paths. Medusa's
 * generateEntityId draws each random character with its own
 * crypto.randomBytes(1) call (the `ulid` package's Node fallback): at
 * thousands of events, deliveries and attempts per second that was a
 * measurable share of the CPU. This draws from a pooled buffer instead.
 */
const ALPHABET = "0123456789ABCDEFGHJKMNPQRSTVWXYZ"
const POOL_SIZE = 4096
const pool = Buffer.alloc(POOL_SIZE)
let offset = POOL_SIZE

function randomChars(count: number): string {
  if (offset + count > POOL_SIZE) {
    randomFillSync(pool)
    offset = 0
  }
  let out = ""
  for (let i = 0; i < count; i++) out += ALPHABET[pool[offset++] & 31]
  return out
}

function timeChars(ms: number): string {
  let out = ""
  for (let i = 0; i < 10; i++) {
    out = ALPHABET[ms % 32] + out
    ms = Math.floor(ms / 32)
  }
  return out
}

export function hubId(prefix: string): string {
  return `${prefix}_${timeChars(Date.now())}${randomChars(16)}`
}
