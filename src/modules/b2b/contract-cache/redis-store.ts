import { randomBytes } from "node:crypto"
import Redis from "ioredis"
import { redisOptions } from "../../../lib/config/redis-options"

/**
 * Where the contract cache keeps versions and snapshots, shared by every
 * process of the deployment. Any method may throw when the store is
 * unreachable; the cache decides what that means (contract-cache.ts).
 */
export interface SnapshotStore {
  /** The current version of each key; a key that has none gets a fresh one. */
  versions(keys: string[]): Promise<string[]>
  /** Gives each key a fresh version, never used before. */
  bump(keys: string[]): Promise<void>
  get(key: string): Promise<string | null>
  set(key: string, value: string, ttlSeconds: number): Promise<void>
  /** Deletes every key under `prefix` (versions and snapshots alike). */
  deleteUnder(prefix: string): Promise<void>
  close(): void
}

/** A pricing request must not wait on a slow Redis: past this it reads Postgres. */
const REDIS_TIMEOUT_MS = 500

/**
 * 72 random bits. Versions are random rather than counted, so a version key
 * Redis lost (eviction, restart without persistence) comes back as a value
 * no snapshot was ever stored under, where a counter restarting at 1 could
 * meet an old snapshot stored under 1.
 */
export function newVersion(): string {
  return randomBytes(9).toString("base64url")
}

/** The store on Redis (REDIS_URL), on a connection of its own. */
export class RedisSnapshotStore implements SnapshotStore {
  private readonly redis: Redis

  constructor(redisUrl: string) {
    this.redis = new Redis({
      ...redisOptions(redisUrl),
      lazyConnect: true,
      commandTimeout: REDIS_TIMEOUT_MS,
      maxRetriesPerRequest: 1,
    })
    // Outages surface as the cache's fallback warning, not as crashes.
    this.redis.on("error", () => undefined)
  }

  async versions(keys: string[]): Promise<string[]> {
    const found = await this.redis.mget(...keys)
    return await Promise.all(found.map((version, i) => version ?? this.initVersion(keys[i]!)))
  }

  /**
   * NX: of two processes initialising one key, both use the one stored. Should
   * the key vanish again in between, the fresh value is still safe to use: no
   * snapshot exists under it.
   */
  private async initVersion(key: string): Promise<string> {
    const fresh = newVersion()
    if ((await this.redis.set(key, fresh, "NX")) === "OK") return fresh
    return (await this.redis.get(key)) ?? fresh
  }

  async bump(keys: string[]): Promise<void> {
    if (!keys.length) return
    await this.redis.mset(Object.fromEntries(keys.map((key) => [key, newVersion()])))
  }

  async get(key: string): Promise<string | null> {
    return await this.redis.get(key)
  }

  async set(key: string, value: string, ttlSeconds: number): Promise<void> {
    await this.redis.set(key, value, "EX", ttlSeconds)
  }

  async deleteUnder(prefix: string): Promise<void> {
    let cursor = "0"
    do {
      const [next, keys] = await this.redis.scan(cursor, "MATCH", `${prefix}*`, "COUNT", 500)
      if (keys.length) await this.redis.unlink(...keys)
      cursor = next
    } while (cursor !== "0")
  }

  close(): void {
    this.redis.disconnect()
  }
}
