import { createLocalJWKSet, type JWK } from "jose"

export type PublishedKeys = { keys: JWK[]; set: ReturnType<typeof createLocalJWKSet> }

export type PublishedKeysTiming = {
  /** How long the copy is trusted before the next use reloads it. */
  maxAgeMs: number
  /** The least time between the start of one reload and one asked for by an unknown kid. */
  unknownKidReloadMs: number
}

/** A process's copy of an API's published keys, the keys its verifiers trust. */
export interface PublishedKeysCache {
  /** The copy, reloaded first when it is older than `maxAgeMs` (the timing's by default). */
  current(maxAgeMs?: number): Promise<PublishedKeys>
  /**
   * After a token named a kid the copy lacks: reloads, unless a reload
   * started less than `unknownKidReloadMs` ago, in which case the copy stands.
   */
  afterUnknownKid(): Promise<PublishedKeys>
  /** Drops the copy (this process has just created a key). */
  forget(): void
}

/**
 * Reads of the key table are single-flight: however many requests find the
 * copy missing or stale at once, one read runs and all of them wait for it.
 * Forged kids cannot force more than one reload per `unknownKidReloadMs`,
 * while a key another process created is picked up after that long at most.
 */
export function publishedKeysCache(load: () => Promise<JWK[]>, timing: PublishedKeysTiming): PublishedKeysCache {
  let copy: (PublishedKeys & { loadedAt: number }) | undefined
  let reloading: Promise<PublishedKeys> | undefined
  let lastReloadStartedAt = -Infinity
  // Bumped by forget(): a read that started before it may miss the new key, so it must not become the copy.
  let generation = 0

  function reload(): Promise<PublishedKeys> {
    if (reloading) return reloading
    const startedIn = generation
    lastReloadStartedAt = Date.now()
    const read = load()
      .then((keys) => {
        const fresh = { keys, set: createLocalJWKSet({ keys }), loadedAt: Date.now() }
        if (startedIn === generation) copy = fresh
        return fresh
      })
      .finally(() => {
        if (reloading === read) reloading = undefined
      })
    reloading = read
    return read
  }

  return {
    async current(maxAgeMs = timing.maxAgeMs) {
      if (copy && Date.now() - copy.loadedAt < maxAgeMs) return copy
      return await reload()
    },
    async afterUnknownKid() {
      if (reloading) return await reloading
      if (copy && Date.now() - lastReloadStartedAt < timing.unknownKidReloadMs) return copy
      return await reload()
    },
    forget() {
      copy = undefined
      reloading = undefined
      generation++
    },
  }
}
