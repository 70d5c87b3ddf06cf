/**
 * Standard Webhooks v1 signing: `webhook-signature` is a space-separated list
 * of `v1,<base64 HMAC-SHA256>` (secrets `whsec_…`) and `v1a,<base64 Ed25519>`
 * (secret keys `whsk_…`) over `${id}.${timestamp}.${body}`. Several secrets
 * sign at once during a rotation's grace period, so receivers keep verifying
 * while they switch to the new secret.
 * @module
 */
import {
  createHmac,
  createPrivateKey,
  createPublicKey,
  generateKeyPairSync,
  randomBytes,
  sign as cryptoSign,
} from "node:crypto"
import type { KeyObject } from "node:crypto"
import { InvalidArgumentError, InvalidSecretError } from "./errors"

export const SECRET_PREFIX = "whsec_"
export const SIGNING_KEY_PREFIX = "whsk_"
export const PUBLIC_KEY_PREFIX = "whpk_"
/** The spec's bounds for symmetric secrets: 192 to 512 bits. */
export const MIN_SECRET_BYTES = 24
export const MAX_SECRET_BYTES = 64
/** How long a rotated-out secret keeps signing (Svix's default). */
export const DEFAULT_ROTATION_GRACE_MS = 24 * 60 * 60 * 1000
/** Rotated-out secrets kept per endpoint; older ones are dropped (Svix keeps 10). */
export const MAX_OLD_SECRETS = 10

export type ParsedSecret = { kind: "hmac"; key: Buffer } | { kind: "ed25519"; key: KeyObject }

/** A secret as an endpoint stores it. `expiresAt` is null/absent for the current secret. */
export interface EndpointSecret {
  secret: string
  expiresAt?: Date | null
}

export interface SignInput {
  /** The `webhook-id`: stable across every retry of a delivery. */
  id: string
  /** Unix seconds (or a Date) of this attempt; a retry gets a fresh one. */
  timestamp: number | Date
  /** The exact request body (text, or its UTF-8 bytes); the receiver verifies these bytes. */
  body: string | Uint8Array
  /** `whsec_…` and/or `whsk_…` secrets; each yields one signature. */
  secrets: readonly string[]
}

export interface SignatureHeaders {
  "webhook-id": string
  "webhook-timestamp": string
  "webhook-signature": string
}

// PKCS#8 / SPKI DER prefixes for a raw 32-byte Ed25519 seed / public key (RFC 8410).
const ED25519_PKCS8_PREFIX = Buffer.from("302e020100300506032b657004220420", "hex")
const ED25519_SPKI_PREFIX = Buffer.from("302a300506032b6570032100", "hex")
const BASE64 = /^[A-Za-z0-9+/]+={0,2}$/

/** A new random `whsec_` secret (32 bytes by default). */
export function generateSecret(bytes = 32): string {
  if (!Number.isInteger(bytes) || bytes < MIN_SECRET_BYTES || bytes > MAX_SECRET_BYTES) {
    throw new InvalidArgumentError(`Secret size must be ${MIN_SECRET_BYTES}–${MAX_SECRET_BYTES} bytes`)
  }
  return SECRET_PREFIX + randomBytes(bytes).toString("base64")
}

/** A new Ed25519 pair: `whsk_` (32-byte seed, keep private) and `whpk_` (give to the partner). */
export function generateSigningKeyPair(): { secretKey: string; publicKey: string } {
  const { privateKey, publicKey } = generateKeyPairSync("ed25519")
  const seed = privateKey.export({ format: "der", type: "pkcs8" }).subarray(ED25519_PKCS8_PREFIX.length)
  const raw = publicKey.export({ format: "der", type: "spki" }).subarray(ED25519_SPKI_PREFIX.length)
  return {
    secretKey: SIGNING_KEY_PREFIX + seed.toString("base64"),
    publicKey: PUBLIC_KEY_PREFIX + raw.toString("base64"),
  }
}

function decodeBase64(text: string, what: string): Buffer {
  if (!BASE64.test(text)) throw new InvalidSecretError(`${what} is not base64`)
  return Buffer.from(text, "base64")
}

// Parsing (and for Ed25519, key import) is the costly part of signing, and the
// same few secrets sign every delivery of an endpoint, so parsed keys are cached.
const PARSED_CACHE_LIMIT = 10_000
const parsedCache = new Map<string, ParsedSecret>()

/**
 * Parses a `whsec_` (HMAC, 24–64 bytes) or `whsk_` (Ed25519: 32-byte seed, or
 * 64-byte seed‖public key) secret.
 * @throws InvalidSecretError
 */
export function parseSecret(secret: string): ParsedSecret {
  const cached = parsedCache.get(secret)
  if (cached) return cached
  const parsed = parseUncached(secret)
  if (parsedCache.size >= PARSED_CACHE_LIMIT) parsedCache.delete(parsedCache.keys().next().value as string)
  parsedCache.set(secret, parsed)
  return parsed
}

function parseUncached(secret: string): ParsedSecret {
  if (secret.startsWith(SECRET_PREFIX)) {
    const key = decodeBase64(secret.slice(SECRET_PREFIX.length), "Secret")
    if (key.length < MIN_SECRET_BYTES || key.length > MAX_SECRET_BYTES) {
      throw new InvalidSecretError(`Secret must be ${MIN_SECRET_BYTES}–${MAX_SECRET_BYTES} bytes, got ${key.length}`)
    }
    return { kind: "hmac", key }
  }
  if (secret.startsWith(SIGNING_KEY_PREFIX)) {
    const raw = decodeBase64(secret.slice(SIGNING_KEY_PREFIX.length), "Signing key")
    if (raw.length !== 32 && raw.length !== 64) {
      throw new InvalidSecretError(`Ed25519 signing key must be 32 or 64 bytes, got ${raw.length}`)
    }
    const der = Buffer.concat([ED25519_PKCS8_PREFIX, raw.subarray(0, 32)])
    return { kind: "ed25519", key: createPrivateKey({ key: der, format: "der", type: "pkcs8" }) }
  }
  throw new InvalidSecretError(`Secret must start with ${SECRET_PREFIX} or ${SIGNING_KEY_PREFIX}`)
}

/** Imports a `whpk_` public key, e.g. to verify `v1a` signatures in tests or receivers. */
export function parsePublicKey(publicKey: string): KeyObject {
  if (!publicKey.startsWith(PUBLIC_KEY_PREFIX)) {
    throw new InvalidSecretError(`Public key must start with ${PUBLIC_KEY_PREFIX}`)
  }
  const raw = decodeBase64(publicKey.slice(PUBLIC_KEY_PREFIX.length), "Public key")
  if (raw.length !== 32) throw new InvalidSecretError(`Ed25519 public key must be 32 bytes`)
  return createPublicKey({ key: Buffer.concat([ED25519_SPKI_PREFIX, raw]), format: "der", type: "spki" })
}

function toUnixSeconds(timestamp: number | Date): number {
  const seconds = timestamp instanceof Date ? Math.floor(timestamp.getTime() / 1000) : timestamp
  if (!Number.isSafeInteger(seconds) || seconds < 0) {
    throw new InvalidArgumentError("Webhook timestamp must be whole unix seconds")
  }
  return seconds
}

/**
 * The `webhook-signature` header value: one `v1,…`/`v1a,…` entry per secret,
 * space-separated.
 * @throws InvalidArgumentError (empty/dotted id, no secret), InvalidSecretError
 */
export function sign({ id, timestamp, body, secrets }: SignInput): string {
  // A "." in the id would let one signed string be read as a different id/timestamp split.
  if (!id || id.includes(".")) throw new InvalidArgumentError("Webhook id must be non-empty without '.'")
  if (secrets.length === 0) throw new InvalidArgumentError("At least one signing secret is required")
  const prefix = `${id}.${toUnixSeconds(timestamp)}.`
  // Text and bytes sign alike: HMAC takes the parts in turn (an event's body
  // arrives as bytes, encoded once for all its deliveries).
  return secrets
    .map((secret) => {
      const parsed = parseSecret(secret)
      if (parsed.kind === "hmac") {
        return `v1,${createHmac("sha256", parsed.key).update(prefix).update(body).digest("base64")}`
      }
      const message = Buffer.concat([Buffer.from(prefix), typeof body === "string" ? Buffer.from(body) : body])
      return `v1a,${cryptoSign(null, message, parsed.key).toString("base64")}`
    })
    .join(" ")
}

/** The three Standard Webhooks headers for one attempt. */
export function signatureHeaders(input: SignInput): SignatureHeaders {
  return {
    "webhook-id": input.id,
    "webhook-timestamp": String(toUnixSeconds(input.timestamp)),
    "webhook-signature": sign(input),
  }
}

/** Secrets that still sign at `now`: the current one(s) and rotated-out ones inside their grace period. */
export function activeSecrets(secrets: readonly EndpointSecret[], now: Date | number): string[] {
  const at = typeof now === "number" ? now : now.getTime()
  return secrets.filter((s) => !s.expiresAt || s.expiresAt.getTime() > at).map((s) => s.secret)
}

export interface RotateOptions {
  now?: Date
  /** How long the outgoing secret(s) keep signing; default 24 h. */
  gracePeriodMs?: number
}

/**
 * Replaces the current secret with `next`. Secrets still signing get
 * `expiresAt = now + grace` (never later than they already had); expired ones
 * are dropped, and at most MAX_OLD_SECRETS old ones are kept. The new secret
 * comes first.
 * @throws InvalidSecretError when `next` is malformed
 */
export function rotateSecrets(
  current: readonly EndpointSecret[],
  next: string,
  { now = new Date(), gracePeriodMs = DEFAULT_ROTATION_GRACE_MS }: RotateOptions = {}
): EndpointSecret[] {
  parseSecret(next)
  if (!(gracePeriodMs >= 0)) throw new InvalidArgumentError("Grace period must be >= 0")
  const graceEnd = now.getTime() + gracePeriodMs
  const old = current
    .filter((s) => s.secret !== next && (!s.expiresAt || s.expiresAt.getTime() > now.getTime()))
    .map((s) => ({
      secret: s.secret,
      expiresAt: new Date(Math.min(s.expiresAt?.getTime() ?? graceEnd, graceEnd)),
    }))
    .filter((s) => s.expiresAt.getTime() > now.getTime())
    .sort((a, b) => b.expiresAt.getTime() - a.expiresAt.getTime())
    .slice(0, MAX_OLD_SECRETS)
  return [{ secret: next, expiresAt: null }, ...old]
}
