import type Redis from "ioredis"
import { randomUUID } from "node:crypto"
import { Semaphore } from "../../../../../connectors"

/**
 * How long a slot is held at most. Longer than the longest sync an adapter
 * can make (retries sleeping through Retry-After included), so a live sync
 * never loses its slot; a crashed process's slots free themselves after it.
 */
export const SLOT_TTL_MS = 300_000

// Atomically: drop expired holders, then take a slot if fewer than the limit
// are held. Redis's own clock keeps every process on one time base.
const ACQUIRE = `
local t = redis.call('TIME')
local now = tonumber(t[1]) * 1000 + math.floor(tonumber(t[2]) / 1000)
redis.call('ZREMRANGEBYSCORE', KEYS[1], '-inf', now)
if redis.call('ZCARD', KEYS[1]) < tonumber(ARGV[1]) then
  redis.call('ZADD', KEYS[1], now + tonumber(ARGV[2]), ARGV[3])
  redis.call('PEXPIRE', KEYS[1], tonumber(ARGV[2]))
  return 1
end
return 0`

/**
 * The per-connection concurrency limit, across every worker process: a local
 * FIFO semaphore (so one process never asks for more than the limit) in front
 * of a lease-based counting semaphore in Redis (a sorted set of holders with
 * their expiry). A Redis flush only forgets the current holders, which lets a
 * few extra syncs start once; it never blocks.
 */
export class ConnectionSlots {
  private readonly local = new Map<string, Semaphore>()

  constructor(
    private readonly redis: Redis | undefined,
    private readonly prefix: string,
    private readonly ttlMs = SLOT_TTL_MS
  ) {}

  /** Runs `fn` holding one of the connection's `limit` slots. */
  async run<T>(connectionId: string, limit: number, fn: () => Promise<T>): Promise<T> {
    return await this.semaphore(connectionId, limit).run(async () => {
      const token = await this.acquire(connectionId, limit)
      try {
        return await fn()
      } finally {
        // Not awaited: the next acquire from this process goes out on the same
        // connection after it (Redis runs one client's commands in order), so
        // the slot is never counted twice, and the sync does not wait a round trip.
        if (token) this.release(connectionId, token)
      }
    })
  }

  private semaphore(connectionId: string, limit: number): Semaphore {
    const wanted = Math.max(1, Math.floor(limit))
    let semaphore = this.local.get(connectionId)
    // A changed limit takes effect for new syncs; running ones finish on the old semaphore.
    if (!semaphore || semaphore.limit !== wanted) {
      semaphore = new Semaphore(wanted)
      this.local.set(connectionId, semaphore)
    }
    return semaphore
  }

  /** EVALSHA of the acquire script (ioredis loads it once per connection). */
  private acquireScript(redis: Redis): (key: string, limit: number, ttlMs: number, token: string) => Promise<unknown> {
    const r = redis as Redis & {
      erpSlotAcquire?: (key: string, limit: number, ttlMs: number, token: string) => Promise<unknown>
    }
    if (!r.erpSlotAcquire) r.defineCommand("erpSlotAcquire", { numberOfKeys: 1, lua: ACQUIRE })
    return r.erpSlotAcquire!.bind(r)
  }

  private key(connectionId: string): string {
    return `${this.prefix}:slots:${connectionId}`
  }

  /** Polls with a short jittered wait while other processes hold every slot. */
  private async acquire(connectionId: string, limit: number): Promise<string | undefined> {
    if (!this.redis) return undefined
    const token = randomUUID()
    for (let waitMs = 5; ; waitMs = Math.min(waitMs * 2, 100)) {
      const got = await this.acquireScript(this.redis)(
        this.key(connectionId),
        Math.max(1, Math.floor(limit)),
        this.ttlMs,
        token
      )
      if (got === 1) return token
      await new Promise((resolve) => setTimeout(resolve, waitMs / 2 + Math.random() * waitMs))
    }
  }

  private release(connectionId: string, token: string): void {
    // A lost release only costs the slot until its TTL.
    this.redis?.zrem(this.key(connectionId), token).catch(() => undefined)
  }
}
