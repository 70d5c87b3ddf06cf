/**
 * Two sets of webhook workers on one prefix (as two processes would run
 * them, here in one process against the real Redis) share each endpoint's
 * configured limits: the receiver never sees more than the endpoint allows.
 * The two-process version is integration-tests/http/webhooks/shared-limits.spec.ts.
 */
import { randomUUID } from "node:crypto"
import IORedis from "ioredis"
import { BreakerRegistry, createSender, createWebhookProducer, generateSecret, startWebhookWorkers } from "../index"
import type { Sender, WebhookWorkers } from "../index"
import { MemoryStore } from "./support/memory-store"
import { startServer, waitFor } from "./support/http-server"
import type { TestServer } from "./support/http-server"

jest.setTimeout(60_000)

const connection = { host: "127.0.0.1", port: 6379 }
const SECRET = generateSecret()

/** Most starts inside any window of `windowMs` (half-open). */
function maxInWindow(starts: number[], windowMs = 1_000): number {
  const sorted = [...starts].sort((a, b) => a - b)
  let most = 0
  for (let i = 0, j = 0; i < sorted.length; i++) {
    while (sorted[i] - sorted[j] >= windowMs) j++
    most = Math.max(most, i - j + 1)
  }
  return most
}

describe("limits shared by two sets of workers", () => {
  let prefix: string
  let redis: IORedis
  let store: MemoryStore
  let sender: Sender
  let breakers: BreakerRegistry
  let server: TestServer
  const running: WebhookWorkers[] = []
  let inFlight = 0
  let maxInFlight = 0
  let starts: number[] = []

  const start = async () => {
    const workers = await startWebhookWorkers({
      connection,
      prefix,
      store,
      sender,
      breakers,
      batchSize: 10,
      membership: { heartbeatMs: 200 },
    })
    running.push(workers)
    return workers
  }

  beforeAll(async () => {
    redis = new IORedis(connection)
    server = await startServer()
  })
  afterAll(async () => {
    await server.close()
    await redis.quit()
  })
  beforeEach(() => {
    prefix = `backy-shared-limits-test-${randomUUID()}`
    store = new MemoryStore()
    breakers = new BreakerRegistry()
    sender = createSender({ policy: { allowHttp: true, allowlist: ["127.0.0.1/32"] }, totalTimeoutMs: 5_000 })
    inFlight = 0
    maxInFlight = 0
    starts = []
    server.requests.length = 0
  })
  afterEach(async () => {
    for (const w of running.splice(0)) await w.close()
    await sender.close()
    breakers.close()
    const keys = await redis.keys(`${prefix}:*`)
    if (keys.length > 0) await redis.del(...keys)
  })

  /** Answers after `delayMs(n)` (n = the request's number), counting what is in flight. */
  const receiver = (delayMs: (n: number) => number) =>
    server.setHandler((_req, res) => {
      starts.push(Date.now())
      inFlight++
      maxInFlight = Math.max(maxInFlight, inFlight)
      res.on("finish", () => inFlight--)
      setTimeout(() => res.end("ok"), delayMs(starts.length))
    })

  it("never exceeds max_concurrency 3 nor 20 starts a second over both, and delivers each once", async () => {
    store.addEndpoint({
      id: "ep_limited",
      url: `${server.url}/limited`,
      secrets: [{ secret: SECRET }],
      maxConcurrency: 3,
      rateLimitPerSecond: 20,
    })
    // Slow answers first (the concurrency cap binds), then fast ones (the rate binds).
    receiver((n) => (n <= 30 ? 150 : 5))
    await start()
    await start()
    const ids = Array.from({ length: 90 }, (_, i) => store.addDelivery(`d_${i}`, "ep_limited").id)
    const producer = createWebhookProducer({ connection, prefix, batchSize: 10 })
    await producer.enqueue(ids)
    await producer.close()
    await waitFor(() => ids.every((id) => store.get(id).status === "delivered"), 45_000, "every delivery")

    expect(maxInFlight).toBeLessThanOrEqual(3)
    expect(maxInFlight).toBe(3) // the cap was reached, so it was tested
    expect(maxInWindow(starts)).toBeLessThanOrEqual(20)
    expect(maxInWindow(starts)).toBeGreaterThan(10) // more than one worker's share: both sent in that second
    expect(server.requests).toHaveLength(90)
    expect(new Set(server.requests.map((r) => r.headers["webhook-id"])).size).toBe(90)
  })

  it("hands what a worker holds no share of to the one that does, without spending attempts (max_concurrency 1)", async () => {
    store.addEndpoint({ id: "ep_one", url: `${server.url}/one`, secrets: [{ secret: SECRET }], maxConcurrency: 1 })
    receiver(() => 20)
    await start()
    await start() // of a limit of 1, one of the two holds nothing
    const ids = Array.from({ length: 20 }, (_, i) => store.addDelivery(`one_${i}`, "ep_one").id)
    const producer = createWebhookProducer({ connection, prefix, batchSize: 5 })
    await producer.enqueue(ids)
    await producer.close()
    const startedAt = Date.now()
    await waitFor(() => ids.every((id) => store.get(id).status === "delivered"), 45_000, "every delivery")
    // A plain deferral would come back to the worker that deferred it (BullMQ), for 3–45 s in these tests.
    expect(Date.now() - startedAt).toBeLessThan(5_000)

    expect(maxInFlight).toBe(1)
    expect(server.requests).toHaveLength(20)
    for (const id of ids) {
      expect(store.get(id).attempts).toBe(1) // a hand-over spends no attempt
      expect(store.get(id).deferrals).toBeLessThanOrEqual(1) // handed over once, straight to the holder
    }
    expect(ids.some((id) => store.get(id).deferrals > 0)).toBe(true)
  })
})
