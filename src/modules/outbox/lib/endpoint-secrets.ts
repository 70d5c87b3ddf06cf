import type { EndpointSecret } from "../../../../webhooks"
import { open, seal } from "../../../lib/crypto/secret-box"

/** How secrets sit in webhook_endpoint.secrets: sealed, with their end of grace. */
export type StoredSecret = { sealed: string; expires_at: string | null }
export type StoredSecrets = { keys: StoredSecret[] }

/** Bounded cache of decrypted secrets: AES-GCM per delivery would be waste. */
const cache = new Map<string, string>()
const CACHE_LIMIT = 20_000

export function sealSecrets(secrets: EndpointSecret[], encryptionKey: string): StoredSecrets {
  return {
    keys: secrets.map((s) => ({
      sealed: seal(s.secret, encryptionKey),
      expires_at: s.expiresAt ? s.expiresAt.toISOString() : null,
    })),
  }
}

export function openSecrets(stored: StoredSecrets | null | undefined, encryptionKey: string): EndpointSecret[] {
  return (stored?.keys ?? []).map((s) => {
    let secret = cache.get(s.sealed)
    if (secret === undefined) {
      secret = open(s.sealed, encryptionKey)
      if (cache.size >= CACHE_LIMIT) cache.delete(cache.keys().next().value as string)
      cache.set(s.sealed, secret)
    }
    return { secret, expiresAt: s.expires_at ? new Date(s.expires_at) : null }
  })
}
