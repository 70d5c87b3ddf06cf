import { medusaIntegrationTestRunner } from "@medusajs/test-utils"
import { ContainerRegistrationKeys } from "@medusajs/framework/utils"
import Redis from "ioredis"
import { randomUUID } from "node:crypto"
import { Webhook } from "standardwebhooks"
import { startPartnerReceiver, PartnerReceiver } from "../../sandboxes/partner"
import { waitFor } from "../../helpers/store-client"
import { OUTBOX_MODULE } from "../../../src/modules/outbox"
import { reconcileDeliveries } from "../../../src/modules/outbox/lib/reconcile"
import { hubRuntime } from "../../../src/modules/outbox/lib/runtime"
import { redisOptions } from "../../../src/lib/config/redis-options"
import { claimWithLeaseSql } from "../../../src/modules/outbox/lib/delivery-claims"
import type { Knex } from "@medusajs/framework/mikro-orm/knex"
import { createWebhookProducer } from "../../../webhooks"
import {
  adminHttp,
  createEndpoint,
  issuePartner,
  IssuedPartner,
  spawnWorker,
  webhookHeaders,
  WorkerProcess,
} from "./helpers"

jest.setTimeout(240_000)

// A Redis logical database of its own: the flush test empties it with
// FLUSHDB (never FLUSHALL, which would wipe every other suite's queues on
// the shared Redis). Database 11 belongs to the ERP sync spec.
const REDIS_URL = "redis://127.0.0.1:6379/12"
const PREFIX = `backy-test-${process.pid}-wh-durability`
process.env.MEDUSA_REDIS_MODULES = "false"
process.env.REDIS_URL = REDIS_URL
process.env.HUB_QUEUE_PREFIX = PREFIX
process.env.WEBHOOK_ALLOWLIST = "127.0.0.1"
delete process.env.WEBHOOK_ALLOW_HTTP

medusaIntegrationTestRunner({
  testSuite: ({ api, getContainer, dbConfig }) => {
    let receiver: PartnerReceiver
    let partner: IssuedPartner
    let redis: Redis
    const workers: WorkerProcess[] = []

    const pg = () => getContainer().resolve(ContainerRegistrationKeys.PG_CONNECTION)
    const hub = () => getContainer().resolve(OUTBOX_MODULE) as any
    /** `n` events for one endpoint only, recorded in one transaction (as producers do), not yet enqueued. */
    const recordFor = async (endpointId: string, n: number): Promise<{ event_id: string; delivery_id: string }[]> => {
      const recorded = await hub().recordEvents(
        Array.from({ length: n }, (_, i) => ({
          type: "webhook.test",
          resource_type: "webhook_endpoint",
          resource_id: endpointId,
          dedupe_key: `durability:${randomUUID()}`,
          data: { endpoint_id: endpointId, message: `event ${i}` },
          endpoint_ids: [endpointId],
        }))
      )
      return recorded.map((r: any) => ({ event_id: r.event_id, delivery_id: r.webhook_delivery_ids[0] }))
    }
    const statuses = async (ids: string[]) =>
      (await pg().raw("select id, status, attempts, lease_until from delivery where id = any(?::text[])", [ids]))
        .rows as {
        id: string
        status: string
        attempts: number
        lease_until: Date | null
      }[]
    const allDelivered = async (ids: string[]) => (await statuses(ids)).every((r) => r.status === "delivered")
    const worker = async (prefix: string, env: Record<string, string> = {}) => {
      const w = await spawnWorker({
        DATABASE_URL: dbConfig.clientUrl,
        REDIS_URL,
        WORKER_QUEUE_PREFIX: prefix,
        WEBHOOK_ALLOWLIST: "127.0.0.1",
        ...env,
      })
      workers.push(w)
      return w
    }

    beforeAll(async () => {
      receiver = await startPartnerReceiver({ recordBodies: true })
      redis = new Redis(REDIS_URL)
      const admin = await adminHttp(api.defaults.baseURL!, getContainer())
      partner = await issuePartner(admin, "Acme Analytics")
    })
    afterAll(async () => {
      for (const w of workers) await w.kill().catch(() => undefined)
      await receiver?.close()
      await redis?.quit()
    })
    beforeEach(() => {
      receiver.clear()
      receiver.resetBehaviours()
    })

    it("loses nothing when a worker is killed with SIGKILL mid-delivery; the redelivery carries the same webhook-id", async () => {
      const { id: endpointId, secret } = await createEndpoint(partner, {
        url: `${receiver.url}/crash`,
        event_types: ["order.placed"],
      })
      const childPrefix = `${PREFIX}-child-crash`
      const child = await worker(childPrefix, { WORKER_LEASE_MS: "3000", WORKER_TIMEOUT_MS: "60000" })
      receiver.respond("/crash", "hang")

      const [sent] = await recordFor(endpointId, 1)
      const producer = createWebhookProducer({ connection: redisOptions(REDIS_URL), prefix: childPrefix })
      await producer.enqueue([sent.delivery_id])
      await producer.close()
      await receiver.waitForCount(1, { path: "/crash", timeoutMs: 30_000 })
      const [inFlight] = await statuses([sent.delivery_id])
      expect(inFlight.status).toBe("pending")
      expect(new Date(inFlight.lease_until!).getTime()).toBeGreaterThan(Date.now()) // the child holds the claim

      await child.kill() // kill -9 while the receiver holds the request
      receiver.respond("/crash", { status: 200 })
      // Nothing happens until the lease expires; then the reconciler hands the delivery back.
      expect(await reconcileDeliveries(pg(), 0)).toEqual({ webhooks: 0, erp: 0 })
      await waitFor(
        async () => {
          await reconcileDeliveries(pg(), 0)
          return await allDelivered([sent.delivery_id])
        },
        30_000,
        "the lease to expire and the redelivery"
      )

      const [first, second] = receiver.deliveries("/crash")
      expect(receiver.count("/crash")).toBe(2)
      expect(second.headers["webhook-id"]).toBe(sent.event_id)
      expect(first.headers["webhook-id"]).toBe(sent.event_id)
      expect(second.body).toBe(first.body)
      expect(() => new Webhook(secret).verify(second.body, webhookHeaders(second.headers))).not.toThrow()
      // The killed attempt never reached the log; the redelivery is attempt 1.
      const [done] = await statuses([sent.delivery_id])
      expect(done.attempts).toBe(1)
    })

    it("loses nothing when the hub's Redis database is flushed mid-run", async () => {
      const { id: endpointId } = await createEndpoint(partner, {
        url: `${receiver.url}/flush`,
        event_types: ["order.placed"],
        // A slow consumer, so that the flush hits queued, delayed and in-flight work.
        rate_limit_per_second: 40,
      })
      const sent = await recordFor(endpointId, 200)
      const ids = sent.map((s) => s.delivery_id)
      await hubRuntime.enqueueWebhookDeliveries(ids)
      await receiver.waitForCount(20, { path: "/flush", timeoutMs: 30_000 })
      expect(receiver.count("/flush")).toBeLessThan(200)
      expect(await redis.dbsize()).toBeGreaterThan(0)
      await redis.flushdb()
      const atFlush = receiver.count("/flush")

      // The reconciler (every 15 s in the app; here on a short loop) finds what Redis lost.
      await waitFor(
        async () => {
          await reconcileDeliveries(pg(), 1_000)
          return await allDelivered(ids)
        },
        120_000,
        "every delivery after the flush"
      )
      const received = receiver.deliveries("/flush").map((d) => d.headers["webhook-id"])
      expect(new Set(received)).toEqual(new Set(sent.map((s) => s.event_id)))
      expect(received).toHaveLength(200) // and none twice: nothing crashed
      expect(atFlush).toBeLessThan(200)
    })

    it("records one event per business fact: a retried or concurrent producer gets the same event back", async () => {
      const { id: endpointId } = await createEndpoint(partner, {
        url: `${receiver.url}/dedupe`,
        event_types: ["order.placed"],
      })
      const input = {
        type: "order.placed",
        resource_type: "order",
        resource_id: "order_dedupe_1",
        dedupe_key: "order.placed:order_dedupe_1",
        data: { order: { id: "order_dedupe_1" } },
      }
      const [a, b, c] = await Promise.all([
        hub().recordEvent(input),
        hub().recordEvent(input),
        hub().recordEvent(input),
      ])
      const again = await hub().recordEvent(input)
      expect([a, b, c].filter((r: any) => r.created)).toHaveLength(1)
      expect(new Set([a, b, c, again].map((r: any) => r.event_id)).size).toBe(1)
      expect(again).toMatchObject({ created: false, webhook_delivery_ids: [] })
      const { rows } = await pg().raw(
        "select (select count(*) from hub_event where dedupe_key = ?)::int as events, (select count(*) from delivery where target_id = ?)::int as deliveries",
        [input.dedupe_key, endpointId]
      )
      expect(rows[0]).toEqual({ events: 1, deliveries: 1 })
      // The next fact about the same order gets the next sequence number.
      const next = await hub().recordEvent({
        ...input,
        type: "order.updated",
        dedupe_key: "order.updated:order_dedupe_1:v2",
      })
      const { rows: seq } = await pg().raw(
        "select id, sequence from hub_event where resource_id = 'order_dedupe_1' order by sequence"
      )
      expect(seq.map((r: any) => [r.id, r.sequence])).toEqual([
        [a.event_id, 1],
        [next.event_id, 2],
      ])
    })

    it("sends each event of a batch byte for byte as recorded, multi-byte text included, signed over those bytes", async () => {
      const { id: endpointId, secret } = await createEndpoint(partner, {
        url: `${receiver.url}/bytes`,
        event_types: ["order.placed"], // webhook.test reaches the endpoints it names, whatever they subscribe to
      })
      const prefix = `${PREFIX}-bytes`
      await worker(prefix)
      // Recorded in one statement, the payloads sit side by side in one byte string: multi-byte
      // characters before a payload move its byte offset away from its character offset.
      const messages = ["Zoë Müller — déjà vu ✓ 😀", 'quote " and back\\slash', "ascii", "終わり".repeat(40)]
      const recorded = await hub().recordEvents(
        messages.map((message, i) => ({
          type: "webhook.test",
          resource_type: "webhook_endpoint",
          resource_id: endpointId,
          dedupe_key: `bytes:${randomUUID()}`,
          data: { endpoint_id: endpointId, message, index: i },
          endpoint_ids: [endpointId],
        }))
      )
      const producer = createWebhookProducer({ connection: redisOptions(REDIS_URL), prefix })
      await producer.enqueue(recorded.map((r: any) => r.webhook_delivery_ids[0]))
      await producer.close()
      await receiver.waitForCount(messages.length, { path: "/bytes", timeoutMs: 30_000 })

      const { rows } = await pg().raw("select id, payload::text as body from hub_event where id = any(?::text[])", [
        recorded.map((r: any) => r.event_id),
      ])
      const stored = new Map(rows.map((r: any) => [r.id, r.body]))
      for (const sent of receiver.deliveries("/bytes")) {
        const eventId = sent.headers["webhook-id"]
        expect(sent.body).toBe(stored.get(eventId))
        const verified = new Webhook(secret).verify(sent.body, webhookHeaders(sent.headers)) as any
        expect(verified.data.message).toBe(messages[verified.data.index])
      }
    })

    it("claims a batch of fresh deliveries with HOT updates only: a lease writes no index entry", async () => {
      const { id: endpointId } = await createEndpoint(partner, {
        url: `${receiver.url}/hot`,
        event_types: ["order.placed"],
      })
      const ids = (await recordFor(endpointId, 300)).map((s) => s.delivery_id)
      const lease = claimWithLeaseSql("webhook_endpoint", ids, {
        now: new Date(),
        leaseUntil: new Date(Date.now() + 60_000),
        claimToken: "hot-check",
      })
      const counts = await pg().transaction(async (trx: Knex.Transaction) => {
        const { rows } = await trx.raw(
          `with claimed as (${lease.sql}) select count(*)::int as n from claimed`,
          lease.bindings
        )
        // This transaction's own counters: what the claim statement just did.
        const { rows: stats } = await trx.raw(
          "select n_tup_upd::int as updated, n_tup_hot_upd::int as hot from pg_stat_xact_user_tables where relname = 'delivery'"
        )
        return { claimed: rows[0].n, ...stats[0] }
      })
      expect(counts).toEqual({ claimed: 300, updated: 300, hot: 300 })
    })

    it("shares deliveries between two worker processes side by side, sending each once", async () => {
      const { id: endpointId } = await createEndpoint(partner, {
        url: `${receiver.url}/shared`,
        event_types: ["order.placed"],
      })
      const childPrefix = `${PREFIX}-child-shared`
      const [a, b] = await Promise.all([
        worker(childPrefix, { WORKER_CONCURRENCY: "2" }),
        worker(childPrefix, { WORKER_CONCURRENCY: "2" }),
      ])
      const sent = await recordFor(endpointId, 400)
      const ids = sent.map((s) => s.delivery_id)
      const producer = createWebhookProducer({
        connection: redisOptions(REDIS_URL),
        prefix: childPrefix,
        batchSize: 10,
      })
      await producer.enqueue(ids)
      // Duplicate jobs (a producer retry, the reconciler) are harmless: claims are leased.
      await producer.enqueue(ids.slice(0, 100), "retry")
      await producer.close()
      await waitFor(() => allDelivered(ids), 60_000, "every delivery")
      const [ca, cb] = await Promise.all([a.stop(), b.stop()])
      expect(ca.delivered).toBeGreaterThan(0)
      expect(cb.delivered).toBeGreaterThan(0)
      expect(ca.delivered + cb.delivered).toBe(400)
      const received = receiver.deliveries("/shared").map((d) => d.headers["webhook-id"])
      expect(received).toHaveLength(400)
      expect(new Set(received).size).toBe(400)
    })
  },
})
