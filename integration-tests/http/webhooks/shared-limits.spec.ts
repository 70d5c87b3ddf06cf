import { medusaIntegrationTestRunner } from "@medusajs/test-utils"
import { ContainerRegistrationKeys } from "@medusajs/framework/utils"
import Redis from "ioredis"
import { createServer } from "node:http"
import type { Server } from "node:http"
import type { AddressInfo } from "node:net"
import { randomUUID } from "node:crypto"
import { waitFor } from "../../helpers/store-client"
import { OUTBOX_MODULE } from "../../../src/modules/outbox"
import { redisOptions } from "../../../src/lib/config/redis-options"
import { createWebhookProducer, membershipKeys } from "../../../webhooks"
import { adminHttp, createEndpoint, issuePartner, IssuedPartner, spawnWorker, WorkerProcess } from "./helpers"

jest.setTimeout(180_000)

const REDIS_URL = "redis://127.0.0.1:6379"
const PREFIX = `backy-test-${process.pid}-wh-shared-limits`
process.env.MEDUSA_REDIS_MODULES = "false"
process.env.REDIS_URL = REDIS_URL
process.env.HUB_QUEUE_PREFIX = PREFIX
process.env.WEBHOOK_ALLOWLIST = "127.0.0.1"
delete process.env.WEBHOOK_ALLOW_HTTP

/** A partner's receiver that records what the limits are about: requests in flight and when each started. */
type LimitsReceiver = { url: string; maxInFlight: number; starts: number[]; ids: string[]; close(): Promise<void> }

async function startLimitsReceiver(delayMs: (n: number) => number): Promise<LimitsReceiver> {
  let inFlight = 0
  const receiver = { url: "", maxInFlight: 0, starts: [] as number[], ids: [] as string[], close: async () => {} }
  const server: Server = createServer((req, res) => {
    // In flight from the request's arrival until the answer is written: inside the worker's own
    // admission-to-release span, so this never counts more than the workers hold.
    receiver.starts.push(Date.now())
    receiver.ids.push(String(req.headers["webhook-id"]))
    receiver.maxInFlight = Math.max(receiver.maxInFlight, ++inFlight)
    res.on("finish", () => inFlight--)
    req.resume()
    req.on("end", () => setTimeout(() => res.end("ok"), delayMs(receiver.starts.length)))
  })
  server.keepAliveTimeout = 60_000
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve))
  receiver.url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`
  receiver.close = () =>
    new Promise<void>((resolve) => {
      server.closeAllConnections()
      server.close(() => resolve())
    })
  return receiver
}

/** Most starts inside any one-second window (half-open). */
function maxPerSecond(starts: number[]): number {
  const sorted = [...starts].sort((a, b) => a - b)
  let most = 0
  for (let i = 0, j = 0; i < sorted.length; i++) {
    while (sorted[i] - sorted[j] >= 1_000) j++
    most = Math.max(most, i - j + 1)
  }
  return most
}

medusaIntegrationTestRunner({
  testSuite: ({ api, getContainer, dbConfig }) => {
    let partner: IssuedPartner
    let redis: Redis
    const workers: WorkerProcess[] = []
    const childPrefix = `${PREFIX}-child-${randomUUID().slice(0, 8)}`

    const pg = () => getContainer().resolve(ContainerRegistrationKeys.PG_CONNECTION)
    const hub = () => getContainer().resolve(OUTBOX_MODULE) as any

    beforeAll(async () => {
      redis = new Redis(REDIS_URL)
      const admin = await adminHttp(api.defaults.baseURL!, getContainer())
      partner = await issuePartner(admin, "Limits Partner")
    })
    afterAll(async () => {
      for (const w of workers) await w.kill().catch(() => undefined)
      const keys = await redis.keys(`${childPrefix}:*`)
      if (keys.length > 0) await redis.del(...keys)
      await redis?.quit()
    })

    it("holds max_concurrency 3 and 20 requests a second across two worker processes", async () => {
      // 30 slow answers first (the concurrency cap binds: 3 × 200 ms is 15/s), then fast ones (the rate binds).
      const receiver = await startLimitsReceiver((n) => (n <= 30 ? 200 : 5))
      try {
        const { id: endpointId } = await createEndpoint(partner, {
          url: `${receiver.url}/hook`,
          event_types: ["order.placed"],
          max_concurrency: 3,
          rate_limit_per_second: 20,
        })
        // Both processes are up, and have agreed on their shares, before the first delivery:
        // a worker reports ready once it holds its share. No startup allowance is needed.
        for (let i = 0; i < 2; i++) {
          workers.push(
            await spawnWorker({
              DATABASE_URL: dbConfig.clientUrl,
              REDIS_URL,
              WORKER_QUEUE_PREFIX: childPrefix,
              WEBHOOK_ALLOWLIST: "127.0.0.1",
              // Two batch jobs at a time each, so both processes take part.
              WORKER_CONCURRENCY: "2",
            })
          )
        }
        expect(await redis.zcard(membershipKeys(childPrefix)[0])).toBe(2)

        const recorded = await hub().recordEvents(
          Array.from({ length: 120 }, (_, i) => ({
            type: "webhook.test",
            resource_type: "webhook_endpoint",
            resource_id: endpointId,
            dedupe_key: `shared-limits:${randomUUID()}`,
            data: { endpoint_id: endpointId, message: `event ${i}` },
            endpoint_ids: [endpointId],
          }))
        )
        const ids: string[] = recorded.map((r: any) => r.webhook_delivery_ids[0])
        const producer = createWebhookProducer({
          connection: redisOptions(REDIS_URL),
          prefix: childPrefix,
          batchSize: 10,
        })
        await producer.enqueue(ids)
        await producer.close()
        await waitFor(
          async () => {
            const { rows } = await pg().raw(
              "select count(*)::int as n from delivery where id = any(?::text[]) and status = 'delivered'",
              [ids]
            )
            return rows[0].n === ids.length
          },
          90_000,
          "every delivery"
        )
        const [a, b] = await Promise.all(workers.splice(0).map((w) => w.stop()))

        expect(receiver.maxInFlight).toBeLessThanOrEqual(3)
        expect(maxPerSecond(receiver.starts)).toBeLessThanOrEqual(20)
        // The limits were reached, so they were tested: more starts in a second than one
        // worker's share of the rate (10) means both processes sent within the same second.
        expect(receiver.maxInFlight).toBe(3)
        expect(maxPerSecond(receiver.starts)).toBeGreaterThan(10)
        expect(a.delivered).toBeGreaterThan(0)
        expect(b.delivered).toBeGreaterThan(0)
        expect(a.delivered + b.delivered).toBe(120)
        expect(new Set(receiver.ids).size).toBe(120)
      } finally {
        await receiver.close()
      }
    })
  },
})
