import Redis from "ioredis"
import { TokenRateLimiter, type TokenAttempt, type TokenLimits } from "../rate-limiter"

// Real Redis, on a database of its own (14) so nothing else shares the keys.
const REDIS_URL = "redis://127.0.0.1:6379/14"

const LIMITS: TokenLimits = {
  clientFailures: 3,
  ipFailures: 5,
  failureWindowMs: 60_000,
  ipRequests: 100,
  requestWindowMs: 60_000,
}

describe("TokenRateLimiter", () => {
  const root = `backy-test-oauth-rl-${process.pid}-${Date.now()}`
  let redis: Redis
  let n = 0

  /** A limiter with a namespace of its own: tests do not share counters. */
  const limiter = (limits: Partial<TokenLimits> = {}, warn: (m: string) => void = () => undefined) =>
    new TokenRateLimiter(redis, { namespace: `${root}-${++n}`, limits: { ...LIMITS, ...limits }, warn })
  const caller = (clientId: string, ip = "203.0.113.7") => ({ endpoint: "erp", clientId, ip })
  const settled = async (attempt: TokenAttempt, authenticated: boolean) => {
    if (!attempt.allowed) throw new Error(`refused: ${attempt.reason}`)
    await attempt.settle(authenticated)
  }

  beforeAll(() => {
    redis = new Redis(REDIS_URL)
  })
  afterAll(async () => {
    const keys = await redis.keys(`${root}*`)
    if (keys.length) await redis.del(...keys)
    redis.disconnect()
  })

  it("refuses a client_id after its failure budget, with the time left in the window", async () => {
    const rl = limiter()
    for (let i = 0; i < LIMITS.clientFailures; i++) await settled(await rl.begin(caller("erp_a")), false)
    const refused = await rl.begin(caller("erp_a"))
    expect(refused).toEqual({ allowed: false, reason: "client_failures", retryAfterSeconds: expect.any(Number) })
    expect((refused as { retryAfterSeconds: number }).retryAfterSeconds).toBeGreaterThanOrEqual(59)
  })

  it("does not count successes against the failure budgets", async () => {
    const rl = limiter()
    for (let i = 0; i < 20; i++) await settled(await rl.begin(caller("erp_a")), true)
    await settled(await rl.begin(caller("erp_a")), false)
    expect((await rl.begin(caller("erp_a"))).allowed).toBe(true)
  })

  it("lets other client_ids from the same address through until the address's failure budget", async () => {
    const rl = limiter()
    for (let i = 0; i < LIMITS.clientFailures; i++) await settled(await rl.begin(caller("erp_a")), false)
    await settled(await rl.begin(caller("erp_b")), false)
    await settled(await rl.begin(caller("erp_c")), false)
    // 5 failures from this address now: everyone behind it waits, other addresses do not.
    expect(await rl.begin(caller("erp_d"))).toMatchObject({ allowed: false, reason: "ip_failures" })
    expect((await rl.begin(caller("erp_d", "198.51.100.1"))).allowed).toBe(true)
  })

  it("caps all token requests per address, good ones included", async () => {
    const rl = limiter({ ipRequests: 4 })
    for (let i = 0; i < 4; i++) await settled(await rl.begin(caller("erp_a")), true)
    expect(await rl.begin(caller("erp_a"))).toMatchObject({ allowed: false, reason: "ip_requests" })
    expect((await rl.begin(caller("erp_a", "198.51.100.1"))).allowed).toBe(true)
  })

  it("counts a burst of parallel guesses before any of them is checked", async () => {
    const rl = limiter()
    const attempts = await Promise.all(Array.from({ length: 20 }, () => rl.begin(caller("erp_a"))))
    expect(attempts.filter((a) => a.allowed)).toHaveLength(LIMITS.clientFailures)
  })

  it("opens again when the window ends, and a late refund never goes below zero", async () => {
    const rl = limiter({ failureWindowMs: 300 })
    const late = await rl.begin(caller("erp_a"))
    for (let i = 1; i < LIMITS.clientFailures; i++) await settled(await rl.begin(caller("erp_a")), false)
    expect((await rl.begin(caller("erp_a"))).allowed).toBe(false)
    await new Promise((r) => setTimeout(r, 400))
    await settled(late, true)
    const keys = await redis.keys(`${root}-${n}:fail:*`)
    expect(keys).toEqual([])
    for (let i = 0; i < LIMITS.clientFailures; i++) await settled(await rl.begin(caller("erp_a")), false)
    expect((await rl.begin(caller("erp_a"))).allowed).toBe(false)
  })

  it("keeps client_ids of the two endpoints apart", async () => {
    const rl = limiter({ ipFailures: 100 })
    for (let i = 0; i < LIMITS.clientFailures; i++) await settled(await rl.begin(caller("same")), false)
    expect((await rl.begin({ ...caller("same"), endpoint: "partners" })).allowed).toBe(true)
  })

  it("keeps keys short and free of the client_id, whatever the caller sends", async () => {
    const rl = limiter()
    await rl.begin(caller(`erp_${"x".repeat(10_000)}`))
    const keys = await redis.keys(`${root}-${n}:*`)
    expect(keys.length).toBeGreaterThan(0)
    for (const key of keys) expect(key.length).toBeLessThan(200)
  })

  it("fails open, warning once without details of the caller, when Redis is unreachable", async () => {
    const down = new Redis({
      host: "127.0.0.1",
      port: 1,
      commandTimeout: 200,
      maxRetriesPerRequest: 1,
      retryStrategy: () => 50,
    })
    down.on("error", () => undefined)
    const warnings: string[] = []
    const rl = new TokenRateLimiter(down, { namespace: `${root}-down`, limits: LIMITS, warn: (m) => warnings.push(m) })
    try {
      for (let i = 0; i < 10; i++) {
        const attempt = await rl.begin(caller("erp_secretive"))
        expect(attempt.allowed).toBe(true)
        await settled(attempt, i % 2 === 0)
      }
    } finally {
      down.disconnect()
    }
    expect(warnings).toHaveLength(1)
    expect(warnings[0]).toMatch(/Redis unavailable.*letting requests through/)
    expect(warnings[0]).not.toMatch(/erp_secretive|203\.0\.113\.7/)
  })
})
