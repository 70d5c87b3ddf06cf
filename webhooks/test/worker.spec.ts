/**
 * BullMQ lanes against the real Redis on 127.0.0.1:6379. Every test uses its
 * own key prefix and deletes exactly those keys afterwards.
 */
import { randomUUID } from "node:crypto"
import IORedis from "ioredis"
import { Webhook } from "standardwebhooks"
import { BreakerRegistry, createSender, createWebhookProducer, generateSecret, startWebhookWorkers } from "../index"
import type { Sender, WebhookProducer, WebhookWorkers, WebhookWorkersOptions } from "../index"
import { MemoryStore } from "./support/memory-store"
import { startServer, waitFor } from "./support/http-server"
import type { TestServer } from "./support/http-server"

const connection = { host: "127.0.0.1", port: 6379 }
const SECRET = generateSecret()

jest.setTimeout(15_000)

describe("webhook queues and workers", () => {
  let prefix: string
  let redis: IORedis
  let store: MemoryStore
  let breakers: BreakerRegistry
  let sender: Sender
  let server: TestServer
  const closers: (() => Promise<void>)[] = []

  const start = async (options: Partial<WebhookWorkersOptions> = {}): Promise<WebhookWorkers> => {
    const workers = await startWebhookWorkers({
      connection,
      prefix,
      store,
      sender,
      breakers,
      batchSize: 10,
      ...options,
    })
    closers.push(() => workers.close())
    return workers
  }
  const producer = (): WebhookProducer => {
    const p = createWebhookProducer({ connection, prefix, batchSize: 10 })
    closers.push(() => p.close())
    return p
  }
  const addDeliveries = (n: number, endpointId: string, tag: string, attempts = 0) =>
    Array.from({ length: n }, (_, i) => store.addDelivery(`${tag}_${i}`, endpointId, {}, attempts).id)
  const delivered = (ids: string[]) => ids.every((id) => store.get(id).status === "delivered")

  beforeAll(async () => {
    redis = new IORedis(connection)
    server = await startServer()
  })
  afterAll(async () => {
    await server.close()
    await redis.quit()
  })

  beforeEach(() => {
    prefix = `backy-webhooks-test-${randomUUID()}`
    store = new MemoryStore()
    breakers = new BreakerRegistry()
    sender = createSender({ policy: { allowHttp: true, allowlist: ["127.0.0.1/32"] }, totalTimeoutMs: 3_000 })
    server.requests.length = 0
    server.setHandler((_req, res) => res.end("ok"))
    store.addEndpoint({ id: "ep_ok", url: `${server.url}/ok`, secrets: [{ secret: SECRET }] })
  })
  afterEach(async () => {
    for (const close of closers.splice(0).reverse()) await close()
    await sender.close()
    breakers.close()
    const keys = await redis.keys(`${prefix}:*`)
    if (keys.length > 0) await redis.del(...keys)
  })

  it("delivers enqueued batches through the first lane with verifiable signatures", async () => {
    const workers = await start()
    const ids = addDeliveries(30, "ep_ok", "d")
    expect(await workers.producer.enqueue(ids)).toBe(3) // batches of 10
    await waitFor(() => delivered(ids), 5_000, "deliveries")
    expect(server.requests).toHaveLength(30)
    for (const req of server.requests) {
      expect(() => new Webhook(SECRET).verify(req.body, req.headers as Record<string, string>)).not.toThrow()
    }
  })

  it("retries a failed delivery on the retry lane with the same webhook-id", async () => {
    store.addEndpoint({
      id: "ep_flaky",
      url: `${server.url}/flaky`,
      secrets: [{ secret: SECRET }],
      retrySchedule: [0, 200, 200],
    })
    let failures = 0
    server.setHandler((req, res) => {
      if (req.path === "/flaky" && failures++ === 0) res.writeHead(503).end()
      else res.end("ok")
    })
    const workers = await start()
    const retryJobs: string[] = []
    workers.workers.retry.on("completed", (job) => retryJobs.push(...job.data.ids))
    const [id] = addDeliveries(1, "ep_flaky", "flaky")
    await workers.producer.enqueue([id])
    await waitFor(() => delivered([id]), 5_000, "the retry")
    expect(server.requests.map((r) => r.headers["webhook-id"])).toEqual([`msg_${id}`, `msg_${id}`])
    expect(store.attemptsOf(id).map((a) => a.outcome)).toEqual(["server_error", "success"])
    expect(retryJobs).toContain(id)
  })

  it("keeps first attempts flowing while a hanging endpoint occupies the retry lane", async () => {
    let hanging = 0
    server.setHandler((req, res) => {
      if (req.path === "/dead") hanging++
      else res.end("ok")
    })
    store.addEndpoint({ id: "ep_dead", url: `${server.url}/dead`, secrets: [{ secret: SECRET }] })
    const workers = await start({ concurrency: { first: 4, retry: 1 } })
    const dead = addDeliveries(10, "ep_dead", "dead", 1)
    await workers.producer.enqueue(dead, "retry")
    await waitFor(() => hanging >= 10, 3_000, "the dead endpoint to hang")

    const healthy = addDeliveries(50, "ep_ok", "ok")
    const started = Date.now()
    await workers.producer.enqueue(healthy)
    await waitFor(() => delivered(healthy), 2_000, "healthy deliveries")
    expect(Date.now() - started).toBeLessThan(1_500)
    // The dead endpoint is still hanging: nothing of it has finished yet.
    expect(dead.every((id) => store.get(id).attempts === 1 && store.get(id).status === "pending")).toBe(true)
    expect(store.attempts.filter((a) => a.endpointId === "ep_dead")).toHaveLength(0)
  })

  it("completes a batch job once claimed, so a hanging delivery in it holds no job slot", async () => {
    server.setHandler((req, res) => {
      if (req.path !== "/dead") res.end("ok")
    })
    store.addEndpoint({ id: "ep_dead", url: `${server.url}/dead`, secrets: [{ secret: SECRET }] })
    const workers = await start({ concurrency: { first: 1 } })
    const mixed = [...addDeliveries(1, "ep_dead", "dead"), ...addDeliveries(5, "ep_ok", "m")]
    await workers.producer.enqueue(mixed)
    await waitFor(() => delivered(mixed.slice(1)), 2_000, "the healthy part of the batch")
    const healthy = addDeliveries(20, "ep_ok", "later")
    await workers.producer.enqueue(healthy)
    // The only first-lane slot is free again although the dead delivery still hangs.
    await waitFor(() => delivered(healthy), 2_000, "the next batch")
    expect(store.get(mixed[0]).status).toBe("pending")
  })

  it("shares deliveries between two worker processes, sending each once", async () => {
    server.setHandler((_req, res) => setTimeout(() => res.end("ok"), 5))
    const a = await start({ concurrency: { first: 2 } })
    const b = await start({ concurrency: { first: 2 } })
    const jobsBy = { a: 0, b: 0 }
    a.workers.first.on("completed", () => jobsBy.a++)
    b.workers.first.on("completed", () => jobsBy.b++)
    const ids = addDeliveries(200, "ep_ok", "shared")
    await producer().enqueue(ids)
    await waitFor(() => delivered(ids) && jobsBy.a + jobsBy.b === 20, 8_000, "shared deliveries")
    expect(jobsBy.a).toBeGreaterThan(0)
    expect(jobsBy.b).toBeGreaterThan(0)
    const webhookIds = server.requests.map((r) => r.headers["webhook-id"])
    expect(new Set(webhookIds).size).toBe(200)
    expect(webhookIds).toHaveLength(200)
  })

  describe("producer", () => {
    it("chunks ids into batch jobs and collapses a duplicate batch while it waits", async () => {
      const p = producer()
      const ids = Array.from({ length: 25 }, (_, i) => `x${i}`)
      expect(await p.enqueue(ids)).toBe(3)
      await p.enqueue(ids) // same batches again: deduplicated
      expect(await p.queues.first.getWaitingCount()).toBe(3)
      const jobs = await p.queues.first.getWaiting()
      expect(jobs.map((j) => j.data.ids.length).sort()).toEqual([10, 10, 5])
      expect(jobs[0].opts.removeOnComplete).toEqual({ age: 3600, count: 1000 })
    })

    it("groups retries due in the same second into one delayed retry-lane job", async () => {
      const p = producer()
      const due = Math.ceil((Date.now() + 60_000) / 1000) * 1000 - 500
      await p.scheduleRetries([
        { deliveryId: "r1", endpointId: "e", dueAt: due },
        { deliveryId: "r2", endpointId: "e", dueAt: due + 200 },
        { deliveryId: "r3", endpointId: "e", dueAt: due + 5_000 },
      ])
      const delayed = await p.queues.retry.getDelayed()
      expect(delayed.map((j) => j.data.ids).sort()).toEqual([["r1", "r2"], ["r3"]])
      for (const job of delayed) expect(job.timestamp + (job.opts.delay ?? 0)).toBeGreaterThanOrEqual(due)
      expect(await p.queues.first.getWaitingCount()).toBe(0)
    })
  })
})
