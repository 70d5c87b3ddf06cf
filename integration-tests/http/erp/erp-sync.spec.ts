import { medusaIntegrationTestRunner } from "@medusajs/test-utils"
import { ContainerRegistrationKeys } from "@medusajs/framework/utils"
import Redis from "ioredis"
import { startStripeSandbox, StripeSandbox } from "../../sandboxes/stripe"
import { startErpSandbox, ErpSandbox } from "../../sandboxes/erp"
import { B2bFixture, seedB2bFixture } from "../../helpers/fixtures"
import { StoreClient, waitFor } from "../../helpers/store-client"
import { ERP_MODULE } from "../../../src/modules/erp"
import { OUTBOX_MODULE } from "../../../src/modules/outbox"
import outboxDeliveriesReconcile from "../../../src/jobs/outbox-deliveries-reconcile"
import {
  adminHeaders,
  buyerStore,
  createNetSuiteConnection,
  NetSuiteCertificate,
  netSuiteCertificate,
  netSuiteCredentials,
  NETSUITE_ORDER_UPSERT,
  placeOrders,
} from "./helpers"

jest.setTimeout(240_000)

const STRIPE_PORT = 41_511
// A Redis logical database of its own: the flush test empties it (FLUSHDB, never FLUSHALL).
const REDIS_DB = 11
const REDIS_URL = `redis://127.0.0.1:6379/${REDIS_DB}`
process.env.STRIPE_API_BASE = `http://127.0.0.1:${STRIPE_PORT}`
process.env.STRIPE_WEBHOOK_SECRET = "whsec_dGVzdC1zZWNyZXQtZXJwLXN5bmMtc3BlYw"
process.env.MEDUSA_REDIS_MODULES = "false"
process.env.REDIS_URL = REDIS_URL
process.env.HUB_QUEUE_PREFIX = `backy-test-${process.pid}-erp-sync`

medusaIntegrationTestRunner({
  testSuite: ({ api, getContainer }) => {
    let stripe: StripeSandbox
    let erp: ErpSandbox
    let fixture: B2bFixture
    let store: StoreClient
    let cert: NetSuiteCertificate
    let redis: Redis

    const pg = () => getContainer().resolve(ContainerRegistrationKeys.PG_CONNECTION)
    type SyncRow = {
      id: string
      status: string
      attempts: number
      failure_reason: string | null
      last_error: string | null
      last_status_code: number | null
      next_attempt_at: Date
      type: string
    }
    const erpSyncs = async (orderId: string): Promise<SyncRow[]> =>
      (
        await pg().raw(
          `select d.id, d.status, d.attempts, d.failure_reason, d.last_error, d.last_status_code, d.next_attempt_at, e.type
             from delivery d join hub_event e on e.id = d.event_id
            where d.target_type = 'erp_connection' and e.resource_id = ? order by d.created_at`,
          [orderId]
        )
      ).rows
    // Every order has its sync recorded and none is still open. (Counting only
    // open rows raced the order.placed subscriber: an order whose event was not
    // recorded yet looked "delivered".)
    const allDelivered = async (orderIds: string[]) => {
      const { rows } = await pg().raw(
        `select count(*) filter (where d.status <> 'delivered')::int as open,
                count(distinct e.resource_id) filter (where d.status = 'delivered')::int as done
           from delivery d join hub_event e on e.id = d.event_id
          where d.target_type = 'erp_connection' and e.resource_id = any(?)`,
        [orderIds]
      )
      return rows[0].open === 0 && rows[0].done === orderIds.length
    }

    beforeAll(async () => {
      cert = netSuiteCertificate()
      stripe = await startStripeSandbox({ port: STRIPE_PORT, webhookSecret: process.env.STRIPE_WEBHOOK_SECRET })
      stripe.setWebhookUrl(`${api.defaults.baseURL}/hooks/payment/net-terms_net-terms`)
      erp = await startErpSandbox({
        netsuitePublicKey: cert.publicKey,
        credentials: { clientId: netSuiteCredentials(cert).clientId, clientSecret: "" },
      })
      redis = new Redis(REDIS_URL)
      fixture = await seedB2bFixture(getContainer())
    })

    afterAll(async () => {
      redis?.disconnect()
      await Promise.allSettled([stripe?.close(), erp?.close()])
    })

    beforeEach(async () => {
      erp.reset()
      store = await buyerStore(api.defaults.baseURL!, fixture)
    })

    describe("order sync to the ERP", () => {
      it("sends a placed order to the ERP once, keyed by our order id, with its lines and the invoiced amounts", async () => {
        await createNetSuiteConnection(getContainer(), erp, cert)
        const [order] = await placeOrders(store, fixture, 1)

        const received = await waitFor(() => erp.salesOrder(order.id), 20_000, "the order in the ERP")
        expect(erp.createCount(order.id)).toBe(1)
        expect(received.fields).toMatchObject({
          externalId: order.id,
          entity: { id: "C-1001" },
          otherRefNum: expect.stringMatching(/^PO-T/),
        })
        expect(received.lines.map((l) => [l.sku, l.quantity, l.lineId])).toEqual(
          expect.arrayContaining([
            ["FAST-KIT-100", 2, expect.stringMatching(/^ordli_/)],
            ["GLOVE-L", 5, expect.stringMatching(/^ordli_/)],
          ])
        )
        const [sync] = await waitFor(
          async () => {
            const rows = await erpSyncs(order.id)
            return rows[0]?.status === "delivered" ? rows : undefined
          },
          10_000,
          "the sync to be recorded"
        )
        expect(sync).toMatchObject({ type: "order.placed", attempts: 1 })

        // The sync record, as operators see it.
        const { data } = await api.get(`/admin/erp/orders/${order.id}/sync`, {
          headers: await adminHeaders(getContainer()),
        })
        expect(data.connections).toEqual([
          expect.objectContaining({
            status: "delivered",
            attempts: 1,
            erp_id: received.erpId,
            last_error: null,
            completed_at: expect.any(String),
          }),
        ])
      })

      it("delivers every order placed while the ERP is down exactly once after it recovers", async () => {
        await createNetSuiteConnection(getContainer(), erp, cert)
        await erp.goDown("refuse")
        const orders = await placeOrders(store, fixture, 5)
        const ids = orders.map((o) => o.id)

        // Failed attempts pile up while it is down; nothing arrives.
        await waitFor(
          async () => (await Promise.all(ids.map(erpSyncs))).every((rows) => rows[0]?.attempts >= 1),
          20_000,
          "failed attempts"
        )
        expect(erp.salesOrders()).toHaveLength(0)
        const pending = (await Promise.all(ids.map(erpSyncs))).map((rows) => rows[0])
        expect(pending.every((s) => s.status === "pending" && s.last_error)).toBe(true)

        await erp.goUp()
        await waitFor(() => allDelivered(ids), 60_000, "every order delivered after recovery")
        for (const id of ids) expect(erp.createCount(id)).toBe(1)
        expect(erp.salesOrders()).toHaveLength(5)
      })

      it("waits as long as a 429's Retry-After says before sending again", async () => {
        // The adapter sleeps through short Retry-Afters itself; past 100 ms it hands the wait to the queue.
        await createNetSuiteConnection(getContainer(), erp, cert, {
          settings: { retry: { maxRetries: 1, baseDelayMs: 50, maxRetryAfterMs: 100 } },
        })
        // Aimed at the order's write: the scheduled shipments poll calls the same sandbox.
        erp.throttleNext(1, 3, NETSUITE_ORDER_UPSERT)
        const [order] = await placeOrders(store, fixture, 1)

        const throttledAt = await waitFor(
          () => (erp.stats().throttled === 1 ? Date.now() : undefined),
          20_000,
          "the 429"
        )
        await waitFor(() => erp.salesOrder(order.id), 20_000, "the order after the wait")
        const waited = Date.now() - throttledAt
        expect(waited).toBeGreaterThanOrEqual(2_900)
        expect(waited).toBeLessThan(12_000)
        // The ERP answers before the hub records the result: wait for the record.
        const sync = await waitFor(
          async () => {
            const [row] = await erpSyncs(order.id)
            return row?.status === "delivered" ? row : undefined
          },
          10_000,
          "the sync to be recorded delivered"
        )
        expect(sync).toMatchObject({ status: "delivered", attempts: 2 })
        const { rows: attempts } = await pg().raw(
          "select attempt, outcome, status_code from delivery_attempt where delivery_id = ? order by attempt",
          [sync.id]
        )
        expect(attempts).toEqual([
          { attempt: 1, outcome: "rate_limited", status_code: 429 },
          { attempt: 2, outcome: "success", status_code: null },
        ])
      })

      it("marks a sync the ERP refuses (4xx) failed without retrying, emits erp.sync_failed, and an operator retry delivers it", async () => {
        await createNetSuiteConnection(getContainer(), erp, cert)
        erp.failNext(
          1,
          400,
          { "o:errorDetails": [{ detail: "Invalid item reference", "o:errorCode": "USER_ERROR" }] },
          NETSUITE_ORDER_UPSERT
        )
        const [order] = await placeOrders(store, fixture, 1)

        const [failed] = await waitFor(
          async () => {
            const rows = await erpSyncs(order.id)
            return rows[0]?.status === "failed" ? rows : undefined
          },
          20_000,
          "the sync to fail"
        )
        expect(failed).toMatchObject({
          attempts: 1,
          failure_reason: "permanent",
          last_status_code: 400,
          last_error: expect.stringContaining("USER_ERROR"),
        })
        const { rows: events } = await pg().raw(
          "select type, payload from hub_event where type = 'erp.sync_failed' and resource_id = ?",
          [order.id]
        )
        expect(events).toHaveLength(1)
        expect(events[0].payload.data).toMatchObject({ order_id: order.id, delivery_id: failed.id, attempts: 1 })

        // No endless retries: nothing more reaches the ERP.
        await new Promise((r) => setTimeout(r, 2_000))
        expect(erp.upsertCount(order.id)).toBe(0)
        expect((await erpSyncs(order.id))[0]).toMatchObject({ status: "failed", attempts: 1 })

        // Visible to operators, and retried from the admin API.
        const headers = await adminHeaders(getContainer())
        const { data: list } = await api.get(`/admin/erp/syncs?status=failed`, { headers })
        expect(list.syncs.map((s: any) => s.id)).toContain(failed.id)
        const retry = await api.post(`/admin/erp/syncs/${failed.id}/retry`, {}, { headers })
        expect(retry.status).toBe(202)
        await waitFor(async () => (await erpSyncs(order.id))[0].status === "delivered", 20_000, "the retried sync")
        expect(erp.createCount(order.id)).toBe(1)
        const { data: detail } = await api.get(`/admin/erp/syncs/${failed.id}`, { headers })
        expect(detail.sync.attempt_log.map((a: any) => a.outcome)).toEqual(["client_error", "success"])
      })

      it("loses nothing when Redis is flushed mid-sync", async () => {
        await createNetSuiteConnection(getContainer(), erp, cert, { concurrency: 2 })
        erp.setLatency(250)
        const orders = await placeOrders(store, fixture, 12)
        const ids = orders.map((o) => o.id)

        // Some synced, some in flight, the rest still queued: then Redis forgets everything.
        await waitFor(() => erp.salesOrders().length >= 2, 30_000, "the first syncs")
        expect(erp.salesOrders().length).toBeLessThan(12)
        expect(await redis.dbsize()).toBeGreaterThan(0)
        await redis.flushdb()
        erp.setLatency(0)

        // Postgres still knows what is due; the reconciler job (every 15 s in production) re-enqueues it.
        await waitFor(
          async () => {
            await outboxDeliveriesReconcile(getContainer())
            return allDelivered(ids)
          },
          90_000,
          "every order after the flush"
        )
        for (const id of ids) expect(erp.createCount(id)).toBe(1)
        expect(erp.salesOrders()).toHaveLength(12)
      })

      it("keeps at most the connection's concurrency of syncs in flight", async () => {
        await createNetSuiteConnection(getContainer(), erp, cert, { concurrency: 3 })
        // Slow enough that the orders' syncs overlap.
        erp.setLatency(3_000)
        const orders = await placeOrders(store, fixture, 6)
        await waitFor(() => allDelivered(orders.map((o) => o.id)), 60_000, "every order")
        expect(erp.stats().netsuitePeakInFlight).toBeLessThanOrEqual(3)
        expect(erp.stats().netsuitePeakInFlight).toBeGreaterThanOrEqual(2)
      })

      it("sends an order's changes and its cancellation; the ERP ends on the latest state", async () => {
        await createNetSuiteConnection(getContainer(), erp, cert)
        const [order] = await placeOrders(store, fixture, 1)
        await waitFor(() => erp.salesOrder(order.id), 20_000, "the order in the ERP")
        const headers = await adminHeaders(getContainer())

        await api.post(`/admin/orders/${order.id}`, { email: "receiving@acme.example" }, { headers })
        await waitFor(() => erp.upsertCount(order.id) >= 2, 20_000, "the update in the ERP")
        expect(erp.createCount(order.id)).toBe(1)

        await api.post(`/admin/orders/${order.id}/cancel`, {}, { headers })
        const cancelled = await waitFor(
          () => (erp.salesOrder(order.id)?.status === "cancelled" ? erp.salesOrder(order.id) : undefined),
          20_000,
          "the cancellation"
        )
        expect(cancelled!.lines.every((l) => l.closed)).toBe(true)
        expect(erp.createCount(order.id)).toBe(1)
        // The ERP answers before the hub records the result: wait for the record.
        const types = await waitFor(
          async () => {
            const rows = (await erpSyncs(order.id)).map((s) => [s.type, s.status])
            return rows.some(([type, status]) => type === "order.canceled" && status === "delivered") ? rows : undefined
          },
          10_000,
          "the cancellation's sync to be recorded"
        )
        expect(types).toEqual(
          expect.arrayContaining([
            ["order.placed", "delivered"],
            ["order.canceled", "delivered"],
          ])
        )
      })
    })

    describe("/admin/erp/connections", () => {
      it("creates, lists, tests, updates and deletes a connection without ever returning its credentials", async () => {
        const headers = await adminHeaders(getContainer())
        const body = {
          name: "NetSuite production",
          kind: "netsuite",
          settings: { accountId: "TSTDRV0001", baseUrl: erp.netsuiteBaseUrl, tokenUrl: erp.netsuiteTokenUrl },
          credentials: netSuiteCredentials(cert),
          concurrency: 5,
        }
        const { data: created, status } = await api.post("/admin/erp/connections", body, { headers })
        expect(status).toBe(201)
        expect(created.connection).toMatchObject({
          name: "NetSuite production",
          kind: "netsuite",
          concurrency: 5,
          enabled: true,
          has_credentials: true,
        })
        expect(JSON.stringify(created)).not.toContain("PRIVATE KEY")
        expect(created.connection.credentials_encrypted).toBeUndefined()
        const stored = await getContainer().resolve<any>(ERP_MODULE).retrieveErpConnection(created.connection.id)
        expect(stored.credentials_encrypted).not.toContain("PRIVATE KEY")

        const { data: list } = await api.get("/admin/erp/connections", { headers })
        expect(JSON.stringify(list)).not.toContain("PRIVATE KEY")
        expect(list.connections.map((c: any) => c.id)).toContain(created.connection.id)

        const { data: test } = await api.post(`/admin/erp/connections/${created.connection.id}/test`, {}, { headers })
        expect(test).toMatchObject({ ok: true, breaker: "closed", error: null })

        const missing = await api
          .post("/admin/erp/connections", { ...body, settings: { baseUrl: erp.netsuiteBaseUrl } }, { headers })
          .catch((e: any) => e.response)
        expect(missing.status).toBe(400)
        expect(missing.data.message).toContain("accountId")

        const { data: updated } = await api.post(
          `/admin/erp/connections/${created.connection.id}`,
          { enabled: false, concurrency: 2 },
          { headers }
        )
        expect(updated.connection).toMatchObject({ enabled: false, concurrency: 2, has_credentials: true })

        // A sync waiting on the (disabled) connection is canceled with it; the log keeps it.
        const hub = getContainer().resolve<any>(OUTBOX_MODULE)
        await hub.recordEvent({
          type: "order.placed",
          resource_type: "order",
          resource_id: "order_waiting",
          dedupe_key: `order.placed:order_waiting:${created.connection.id}`,
          data: {},
          erp_connection_ids: [created.connection.id],
        })
        const waiting = await hub.listDeliveries({ target_id: created.connection.id })
        expect(waiting.map((d: any) => d.status)).toEqual(["pending"])

        const removed = await api.delete(`/admin/erp/connections/${created.connection.id}`, { headers })
        expect(removed.data).toMatchObject({ id: created.connection.id, deleted: true })
        const canceled = await hub.listDeliveries({ target_id: created.connection.id })
        expect(canceled.map((d: any) => [d.status, d.failure_reason])).toEqual([["canceled", "connection_deleted"]])
        const gone = await api
          .get(`/admin/erp/connections/${created.connection.id}`, { headers })
          .catch((e: any) => e.response)
        expect(gone.status).toBe(404)
      })

      it("reports an unreachable ERP from the test action", async () => {
        const id = await createNetSuiteConnection(getContainer(), erp, cert)
        await erp.goDown("refuse")
        const { data } = await api.post(
          `/admin/erp/connections/${id}/test`,
          {},
          { headers: await adminHeaders(getContainer()) }
        )
        await erp.goUp()
        expect(data).toMatchObject({ ok: false, error: { code: expect.stringMatching(/^ERR_ERP_/) } })
      })
    })
  },
})
