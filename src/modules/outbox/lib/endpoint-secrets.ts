import type { EndpointSecret } from "../../../../webhooks"
import { open, reseal, seal, type EncryptionKeys } from "../../../lib/crypto/secret-box"

/** How secrets sit in webhook_endpoint.secrets: sealed, with their end of grace. */
export type StoredSecret = { sealed: string; expires_at: string | null }
export type StoredSecrets = { keys: StoredSecret[] }

/** What an endpoint's sealed secrets are bound to: its row (copied to another endpoint, they do not open). */
export const endpointSecretAad = (endpointId: string) => `webhook_endpoint.secret:${endpointId}`

/**
 * Bounded cache of decrypted secrets: AES-GCM per delivery would be waste.
 * Keyed by endpoint and envelope, so an envelope copied to another endpoint
 * is opened (and refused) there, not served from here.
 */
const cache = new Map<string, string>()
const CACHE_LIMIT = 20_000

export function sealSecrets(secrets: EndpointSecret[], keys: EncryptionKeys, endpointId: string): StoredSecrets {
  return {
    keys: secrets.map((s) => ({
      sealed: seal(s.secret, keys, endpointSecretAad(endpointId)),
      expires_at: s.expiresAt ? s.expiresAt.toISOString() : null,
    })),
  }
}

export function openSecrets(
  stored: StoredSecrets | null | undefined,
  keys: EncryptionKeys,
  endpointId: string
): EndpointSecret[] {
  const aad = endpointSecretAad(endpointId)
  return (stored?.keys ?? []).map((s) => {
    const cacheKey = `${aad} ${s.sealed}`
    let secret = cache.get(cacheKey)
    if (secret === undefined) {
      secret = open(s.sealed, keys, aad)
      if (cache.size >= CACHE_LIMIT) cache.delete(cache.keys().next().value as string)
      cache.set(cacheKey, secret)
    }
    return { secret, expiresAt: s.expires_at ? new Date(s.expires_at) : null }
  })
}

/** The endpoint's secrets sealed again under the current key, or undefined when every one already is. */
export function resealStoredSecrets(
  stored: StoredSecrets | null | undefined,
  keys: EncryptionKeys,
  endpointId: string
): StoredSecrets | undefined {
  let changed = false
  const resealed = (stored?.keys ?? []).map((s) => {
    const sealed = reseal(s.sealed, keys, endpointSecretAad(endpointId))
    if (sealed === undefined) return s
    changed = true
    return { ...s, sealed }
  })
  return changed ? { keys: resealed } : undefined
}
