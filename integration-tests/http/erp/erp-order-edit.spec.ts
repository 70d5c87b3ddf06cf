import { medusaIntegrationTestRunner } from "@medusajs/test-utils"
import { ContainerRegistrationKeys, OrderEditWorkflowEvents, OrderWorkflowEvents } from "@medusajs/framework/utils"
import { startStripeSandbox, StripeSandbox } from "../../sandboxes/stripe"
import { startErpSandbox, ErpSandbox } from "../../sandboxes/erp"
import { startPartnerReceiver, PartnerReceiver } from "../../sandboxes/partner"
import { B2bFixture, seedB2bFixture } from "../../helpers/fixtures"
import { StoreClient, waitFor } from "../../helpers/store-client"
import orderChangedHandler from "../../../src/subscribers/order-changed"
import { adminHttp, createEndpoint, HubHttp, issuePartner } from "../webhooks/helpers"
import { buyerStore, createNetSuiteConnection, NetSuiteCertificate, netSuiteCertificate, placeOrders } from "./helpers"

jest.setTimeout(240_000)

const STRIPE_PORT = 41_514
// The NetSuite body field the connector copies the hub's order total into.
const TOTAL_FIELD = "custbody_backy_total"
process.env.STRIPE_API_BASE = `http://127.0.0.1:${STRIPE_PORT}`
process.env.STRIPE_WEBHOOK_SECRET = "whsec_dGVzdC1zZWNyZXQtZXJwLW9yZGVyLWVkaXQ"
process.env.MEDUSA_REDIS_MODULES = "false"
process.env.HUB_QUEUE_PREFIX = `backy-test-${process.pid}-erp-order-edit`
process.env.WEBHOOK_ALLOWLIST = "127.0.0.1"
process.env.REDIS_URL = "redis://127.0.0.1:6379"
delete process.env.WEBHOOK_ALLOW_HTTP

/** Admin order edits (add quantity, confirm) reach the ERP and partners as `order.updated`. */
medusaIntegrationTestRunner({
  testSuite: ({ api, getContainer }) => {
    let stripe: StripeSandbox
    let erp: ErpSandbox
    let receiver: PartnerReceiver
    let fixture: B2bFixture
    let store: StoreClient
    let admin: HubHttp

    const pg = () => getContainer().resolve(ContainerRegistrationKeys.PG_CONNECTION)
    const hubEvents = async (
      orderId: string,
      type: string
    ): Promise<Array<{ id: string; dedupe_key: string; payload: any }>> =>
      (
        await pg().raw(
          "select id, dedupe_key, payload from hub_event where resource_id = ? and type = ? order by sequence",
          [orderId, type]
        )
      ).rows
    const erpSyncStatuses = async (eventId: string): Promise<string[]> =>
      (
        await pg().raw("select status from delivery where event_id = ? and target_type = 'erp_connection'", [eventId])
      ).rows.map((r: any) => r.status)
    const partnerUpdates = (orderId: string) =>
      receiver
        .deliveries("/orders")
        .map((d) => JSON.parse(d.body))
        .filter((e) => e.type === "order.updated" && e.resource.id === orderId)

    /** A placed order whose order.placed sync has landed, so later ERP writes are the edit's. */
    async function placeSyncedOrder(): Promise<any> {
      const [order] = await placeOrders(store, fixture, 1)
      await waitFor(() => erp.salesOrder(order.id), 20_000, "the order in the ERP")
      const [placed] = await hubEvents(order.id, "order.placed")
      await waitFor(
        async () => (await erpSyncStatuses(placed.id))[0] === "delivered",
        10_000,
        "the order.placed sync to be recorded"
      )
      return order
    }

    /** Medusa's order edit flow over the admin API: begin, set a line's quantity, request, confirm. */
    async function editQuantity(orderId: string, sku: string, quantity: number): Promise<void> {
      const begun = await admin.post("/admin/order-edits", { order_id: orderId, description: "Buyer asked for more" })
      expect(begun.status).toBe(200)
      const line = await orderLine(orderId, sku)
      const updated = await admin.post(`/admin/order-edits/${orderId}/items/item/${line.id}`, { quantity })
      expect(updated.status).toBe(200)
      expect((await admin.post(`/admin/order-edits/${orderId}/request`, {})).status).toBe(200)
      const confirmed = await admin.post(`/admin/order-edits/${orderId}/confirm`, {})
      expect(confirmed.status).toBe(200)
    }

    async function orderLine(orderId: string, sku: string): Promise<any> {
      const { body } = await admin.get(`/admin/orders/${orderId}?fields=id,*items`)
      return body.order.items.find((i: any) => i.variant_sku === sku)
    }

    beforeAll(async () => {
      const cert: NetSuiteCertificate = netSuiteCertificate()
      stripe = await startStripeSandbox({ port: STRIPE_PORT, webhookSecret: process.env.STRIPE_WEBHOOK_SECRET })
      stripe.setWebhookUrl(`${api.defaults.baseURL}/hooks/payment/net-terms_net-terms`)
      erp = await startErpSandbox({ netsuitePublicKey: cert.publicKey })
      receiver = await startPartnerReceiver()
      const container = getContainer()
      fixture = await seedB2bFixture(container)
      await createNetSuiteConnection(container, erp, cert, { settings: { totalsFields: { total: TOTAL_FIELD } } })
      admin = await adminHttp(api.defaults.baseURL!, container)
      const partner = await issuePartner(admin, "Acme Logistics")
      await createEndpoint(partner, { url: `${receiver.url}/orders`, event_types: ["order.updated"] })
    })

    afterAll(async () => {
      await Promise.allSettled([stripe?.close(), erp?.close(), receiver?.close()])
    })

    beforeEach(async () => {
      erp.reset()
      receiver.clear()
      store = await buyerStore(api.defaults.baseURL!, fixture)
    })

    it("re-syncs a confirmed order edit to the ERP once, with the new quantity and total, and sends partners order.updated", async () => {
      const order = await placeSyncedOrder()
      const placedTotal = String(erp.salesOrder(order.id)!.fields[TOTAL_FIELD])
      expect(erp.salesOrder(order.id)!.lines.find((l) => l.sku === "FAST-KIT-100")?.quantity).toBe(2)
      expect(await hubEvents(order.id, "order.updated")).toHaveLength(0)

      // 2 → 4 FAST-KIT-100 at 12.50: the order grows by 25.00.
      await editQuantity(order.id, "FAST-KIT-100", 4)

      const edited = await waitFor(
        () => {
          const o = erp.salesOrder(order.id)
          return o?.lines.find((l) => l.sku === "FAST-KIT-100")?.quantity === 4 ? o : undefined
        },
        20_000,
        "the edited order in the ERP"
      )
      expect(edited.lines.map((l) => [l.sku, l.quantity]).sort()).toEqual([
        ["FAST-KIT-100", 4],
        ["GLOVE-L", 5],
      ])
      // The ERP's total is Medusa's for the new version (tax included, so more than the 25.00 net).
      const { body } = await admin.get(`/admin/orders/${order.id}?fields=id,total`)
      expect(Number(edited.fields[TOTAL_FIELD])).toBeCloseTo(Number(body.order.total), 2)
      expect(Number(edited.fields[TOTAL_FIELD])).toBeGreaterThanOrEqual(Number(placedTotal) + 25)

      // One hub event for the edit, carrying the edited document, delivered to the ERP.
      const [update, ...more] = await hubEvents(order.id, "order.updated")
      expect(more).toHaveLength(0)
      expect(update.payload.data.order.lines.find((l: any) => l.sku === "FAST-KIT-100")).toMatchObject({
        quantity: 4,
        subtotal_minor: "5000",
      })
      expect(update.payload.data.order.total_minor).toBe(String(Math.round(Number(body.order.total) * 100)))
      await waitFor(
        async () => (await erpSyncStatuses(update.id))[0] === "delivered",
        10_000,
        "the edit's sync to be recorded"
      )

      // Partners hear about it once, with the same document.
      await waitFor(() => partnerUpdates(order.id).length > 0, 30_000, "order.updated at the partner")
      expect(partnerUpdates(order.id)[0]).toMatchObject({
        id: update.id,
        data: { order: { total_minor: update.payload.data.order.total_minor } },
      })

      // Exactly one more write than the placement, and still one create.
      await new Promise((r) => setTimeout(r, 1_500))
      expect(erp.upsertCount(order.id)).toBe(2)
      expect(erp.createCount(order.id)).toBe(1)
      expect(partnerUpdates(order.id)).toHaveLength(1)
    })

    it("re-syncs a confirmed exchange (one glove pair back, a pallet wrap out) to the ERP as order.updated", async () => {
      const order = await placeSyncedOrder()
      const gloves = await orderLine(order.id, "GLOVE-L")
      const shipped = await admin.post(`/admin/orders/${order.id}/fulfillments`, {
        items: [
          { id: gloves.id, quantity: 5 },
          { id: (await orderLine(order.id, "FAST-KIT-100")).id, quantity: 2 },
        ],
        location_id: fixture.stock_location_id,
      })
      expect(shipped.status).toBe(200)
      const begun = await admin.post("/admin/exchanges", { order_id: order.id })
      expect(begun.status).toBe(200)
      const exchangeId = begun.body.exchange.id
      expect(
        (
          await admin.post(`/admin/exchanges/${exchangeId}/inbound/items`, {
            items: [{ id: gloves.id, quantity: 1 }],
            location_id: fixture.stock_location_id,
          })
        ).status
      ).toBe(200)
      expect(
        (
          await admin.post(`/admin/exchanges/${exchangeId}/outbound/items`, {
            items: [{ variant_id: fixture.variants[2].id, quantity: 1 }],
          })
        ).status
      ).toBe(200)
      expect((await admin.post(`/admin/exchanges/${exchangeId}/request`, {})).status).toBe(200)

      const exchanged = await waitFor(
        () => {
          const o = erp.salesOrder(order.id)
          return o?.lines.some((l) => l.sku === "WRAP-500") ? o : undefined
        },
        20_000,
        "the exchanged order in the ERP"
      )
      expect(exchanged.lines.find((l) => l.sku === "WRAP-500")?.quantity).toBe(1)
      const updates = await hubEvents(order.id, "order.updated")
      expect(updates).toHaveLength(1)
      expect(updates[0].payload.data.order.lines.map((l: any) => l.sku)).toContain("WRAP-500")
    })

    it("records one order.updated per order state: a redelivered edit event or an order.updated for the same state adds nothing", async () => {
      const order = await placeSyncedOrder()
      await editQuantity(order.id, "GLOVE-L", 7)
      const [update] = await waitFor(
        async () => {
          const events = await hubEvents(order.id, "order.updated")
          return events.length ? events : undefined
        },
        20_000,
        "the edit's hub event"
      )
      await waitFor(async () => (await erpSyncStatuses(update.id))[0] === "delivered", 20_000, "the edit's sync")

      // Both Medusa events about the unchanged order, as a redelivery or a second
      // emitter would send them, through the subscriber (awaited, so no sleep).
      const redeliver = (name: string, data: Record<string, unknown>) =>
        orderChangedHandler({ event: { name, data }, container: getContainer(), pluginOptions: {} })
      await redeliver(OrderEditWorkflowEvents.CONFIRMED, { order_id: order.id, actions: [] })
      await redeliver(OrderWorkflowEvents.UPDATED, { id: order.id })
      expect((await hubEvents(order.id, "order.updated")).map((e) => e.id)).toEqual([update.id])
      expect(erp.upsertCount(order.id)).toBe(2)

      // A real change afterwards is a new state, so a new event.
      await editQuantity(order.id, "GLOVE-L", 8)
      await waitFor(
        async () => (await hubEvents(order.id, "order.updated")).length === 2,
        20_000,
        "the second edit's hub event"
      )
      await waitFor(
        () => erp.salesOrder(order.id)?.lines.find((l) => l.sku === "GLOVE-L")?.quantity === 8,
        20_000,
        "the second edit in the ERP"
      )
      const keys = (await hubEvents(order.id, "order.updated")).map((e) => e.dedupe_key)
      expect(new Set(keys).size).toBe(2)
    })
  },
})
