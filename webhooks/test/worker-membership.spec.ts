/**
 * The worker membership against the real Redis on 127.0.0.1:6379 (a unique
 * key prefix per test, deleted afterwards). Heartbeats every 100 ms (TTL
 * 500 ms) keep the tests short; the protocol is the same at 1 s.
 */
import { randomUUID } from "node:crypto"
import IORedis from "ioredis"
import { createWorkerMembership, membershipKeys } from "../index"
import type { GateLimits, SharedGate, WorkerMembership } from "../index"
import { startRedisProxy } from "./support/redis-proxy"
import type { RedisProxy } from "./support/redis-proxy"

jest.setTimeout(20_000)

const REDIS = { host: "127.0.0.1", port: 6379 }
const HEARTBEAT_MS = 100
const LIMITS: GateLimits = { maxConcurrency: 7, ratePerSecond: 20 }
const ENDPOINTS = ["ep_a", "ep_b", "ep_c", "ep_d", "ep_e"]
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms))
const idleGate = (lastSpacedStartAt = Number.NEGATIVE_INFINITY): SharedGate => ({
  reshare: () => undefined,
  withinShares: () => true,
  lastSpacedStartAt,
})
/** Each endpoint's concurrency parts over `members`. */
const parts = (members: WorkerMembership[], limits = LIMITS) =>
  ENDPOINTS.map((id) => members.map((m) => m.share(id, limits).maxConcurrency))
const sums = (members: WorkerMembership[]) => parts(members).map((p) => p.reduce((a, b) => a + b, 0))

async function until(check: () => boolean, timeoutMs: number, what: string) {
  const deadline = Date.now() + timeoutMs
  while (!check()) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`)
    await sleep(10)
  }
}

describe("createWorkerMembership", () => {
  let redis: IORedis
  let prefix: string
  const started: WorkerMembership[] = []
  const proxies: RedisProxy[] = []

  const member = async (
    options: {
      port?: number
      gate?: SharedGate
      onError?: (e: Error) => void
      onHandedOver?: (ids: string[]) => void
    } = {}
  ): Promise<{ membership: WorkerMembership; joined: boolean }> => {
    const membership = createWorkerMembership({
      connection: { ...REDIS, port: options.port ?? REDIS.port },
      prefix,
      heartbeatMs: HEARTBEAT_MS,
      joinTimeoutMs: 5_000,
      onError: options.onError,
      onHandedOver: options.onHandedOver,
    })
    started.push(membership)
    const joined = await membership.start(options.gate ?? idleGate())
    return { membership, joined }
  }

  beforeAll(() => {
    redis = new IORedis(REDIS)
  })
  afterAll(async () => {
    await redis.quit()
  })
  beforeEach(() => {
    prefix = `backy-membership-test-${randomUUID()}`
  })
  afterEach(async () => {
    for (const m of started.splice(0)) await m.leave()
    for (const p of proxies.splice(0)) await p.close()
    const keys = await redis.keys(`${prefix}:*`)
    if (keys.length > 0) await redis.del(...keys)
  })

  it("alone, holds the whole limits after one heartbeat and hands them back on leave", async () => {
    const startedAt = Date.now()
    const { membership, joined } = await member()
    expect(joined).toBe(true)
    expect(Date.now() - startedAt).toBeLessThan(1_000)
    expect(membership.share("ep_a", LIMITS)).toMatchObject({ maxConcurrency: 7, ratePerSecond: 20 })
    const [members] = membershipKeys(prefix)
    expect(await redis.zrange(members, 0, -1)).toEqual([membership.id])
    await membership.leave()
    expect(await redis.zcard(members)).toBe(0)
  })

  it("splits every endpoint's limits between workers as they join, and gives them back as they leave", async () => {
    const a = (await member()).membership
    const b = await member()
    expect(b.joined).toBe(true)
    const c = await member()
    expect(c.joined).toBe(true)
    const all = [a, b.membership, c.membership]
    await until(() => sums(all).every((s) => s === 7), 2_000, "the three-way split to commit")
    for (const p of parts(all)) expect(Math.max(...p) - Math.min(...p)).toBeLessThanOrEqual(1)
    const rates = ENDPOINTS.map((id) => all.reduce((n, m) => n + m.share(id, LIMITS).ratePerSecond!, 0))
    expect(rates).toEqual(ENDPOINTS.map(() => 20))

    await c.membership.leave()
    await until(() => sums([a, b.membership]).every((s) => s === 7), 2_000, "the two-way split")
    await b.membership.leave()
    await until(() => sums([a]).every((s) => s === 7), 2_000, "the whole limits back")
  })

  it("names the holder of a limit smaller than the number of workers, and hands deliveries to it through its inbox", async () => {
    const received: string[][] = []
    const a = (await member({ onHandedOver: (ids) => received.push(ids) })).membership
    const b = (await member({ onHandedOver: (ids) => received.push(ids) })).membership
    const one: GateLimits = { maxConcurrency: 1 }
    await until(() => sums([a, b]).every((s) => s === 7), 2_000, "the split")
    for (const endpoint of ENDPOINTS) {
      const [holder, other] = a.share(endpoint, one).maxConcurrency === 1 ? [a, b] : [b, a]
      expect(other.share(endpoint, one).maxConcurrency).toBe(0)
      expect(other.holderFor(endpoint, one)).toBe(holder.id)
      expect(holder.holderFor(endpoint, one)).toBeUndefined() // it holds the share itself
      expect(holder.holderFor(endpoint, LIMITS)).toBeUndefined()
    }
    await a.handOver(new Map([[b.id, ["d_1", "d_2"]]]))
    await until(() => received.length > 0, 1_000, "the inbox to be drained")
    expect(received).toEqual([["d_1", "d_2"]])
  })

  it("keeps a leaving worker's share out of reach until its last rate-limited start is a rate window old", async () => {
    const a = (await member()).membership
    const b = await member({ gate: idleGate(Date.now()) })
    await until(() => sums([a, b.membership]).every((s) => s === 7), 2_000, "the split")
    const leftAt = Date.now()
    await b.membership.leave()
    await until(() => sums([a]).every((s) => s === 7), 3_000, "the whole limits back")
    expect(Date.now() - leftAt).toBeGreaterThanOrEqual(900)
  })

  it("reclaims the share of a worker that stopped heartbeating (crashed) only after its TTL", async () => {
    const proxy = await startRedisProxy()
    proxies.push(proxy)
    const a = (await member()).membership
    const b = (await member({ port: proxy.port, onError: () => undefined })).membership
    await until(() => sums([a, b]).every((s) => s === 7), 2_000, "the split")
    const split = parts([a]).map(([p]) => p)

    await proxy.cut() // b's heartbeats stop reaching Redis
    const cutAt = Date.now()
    await sleep(300)
    expect(parts([a]).map(([p]) => p)).toEqual(split) // under-use until b expires, never over-use
    await until(() => sums([a]).every((s) => s === 7), 3_000, "a to take the whole limits")
    expect(Date.now() - cutAt).toBeGreaterThanOrEqual(500 - HEARTBEAT_MS)
  })

  it("keeps every worker's share through a Redis outage longer than the TTL, and drops none of them", async () => {
    const proxy = await startRedisProxy()
    proxies.push(proxy)
    const errors: Error[] = []
    const a = (await member({ port: proxy.port, onError: (e) => errors.push(e) })).membership
    const b = (await member({ port: proxy.port, onError: (e) => errors.push(e) })).membership
    await until(() => sums([a, b]).every((s) => s === 7), 2_000, "the split")
    const before = parts([a, b])

    let sampling = true
    const samples: number[][][] = []
    const sampler = (async () => {
      while (sampling) {
        samples.push(parts([a, b]))
        await sleep(5)
      }
    })()
    await proxy.cut()
    await sleep(1_500) // three TTLs without a single heartbeat
    expect(parts([a, b])).toEqual(before) // the last known shares: deliveries go on
    expect(a.workers).toBe(2)
    await proxy.restore()
    await sleep(1_000)
    sampling = false
    await sampler

    // Nobody was dropped: no worker ever fell to no share, and no endpoint ever exceeded its limit.
    for (const sample of samples) expect(sample).toEqual(before)
    const [members] = membershipKeys(prefix)
    expect(await redis.zcard(members)).toBe(2)
    expect(errors.length).toBeGreaterThanOrEqual(1)
    expect(errors.length).toBeLessThanOrEqual(2) // once per worker and outage
    expect(errors[0].message).toMatch(/keeping this worker's shares among 2 worker/)
  })
})
