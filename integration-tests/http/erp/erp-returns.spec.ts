import { medusaIntegrationTestRunner } from "@medusajs/test-utils"
import { ContainerRegistrationKeys } from "@medusajs/framework/utils"
import { BreakerRegistry, createConnector } from "../../../connectors"
import { startStripeSandbox, StripeSandbox } from "../../sandboxes/stripe"
import { startErpSandbox, ErpSandbox, type SandboxKind } from "../../sandboxes/erp"
import { B2bFixture, seedB2bFixture } from "../../helpers/fixtures"
import { waitFor } from "../../helpers/store-client"
import { adminHttp, HubHttp } from "../webhooks/helpers"
import { buyerStore, netSuiteCertificate, netSuiteCredentials, placeOrders, type NetSuiteCertificate } from "./helpers"

jest.setTimeout(240_000)

const STRIPE_PORT = 41_515
process.env.STRIPE_API_BASE = `http://127.0.0.1:${STRIPE_PORT}`
process.env.STRIPE_WEBHOOK_SECRET = "whsec_dGVzdC1zZWNyZXQtZXJwLXJldHVybnM"
process.env.MEDUSA_REDIS_MODULES = "false"
process.env.HUB_QUEUE_PREFIX = `backy-test-${process.pid}-erp-returns`
process.env.REDIS_URL = "redis://127.0.0.1:6379"

const BC_COMPANY = "b6f4017a-b749-ee11-ad0b-a1422c0f7f1f"
const BC_CREDENTIALS = { clientId: "backy-bc-client", clientSecret: "bc-sandbox-secret-123" }
const fast = { retry: { maxRetries: 1, baseDelayMs: 50 }, breaker: { resetTimeoutMs: 500 } }

/**
 * A return received through Medusa's admin API reaches every ERP connection once: NetSuite and
 * Business Central as a credit memo keyed by the return id (their sales orders stay as sold,
 * shipped lines included), the generic ERP as the updated order. The money is the return's:
 * 1 × FAST-KIT-100 at 12.50 and 2 × GLOVE-L at 4.20, 8.25 % tax: 13.53 + 9.09 = 22.62.
 */
medusaIntegrationTestRunner({
  testSuite: ({ api, getContainer }) => {
    let stripe: StripeSandbox
    let erp: ErpSandbox
    let fixture: B2bFixture
    let admin: HubHttp
    const connections: Record<SandboxKind, string> = { netsuite: "", "business-central": "", generic: "" }

    const pg = () => getContainer().resolve(ContainerRegistrationKeys.PG_CONNECTION)
    type SyncRow = { id: string; status: string; attempts: number; target_id: string; result_ref: string | null }
    const erpSyncs = async (orderId: string, type: string): Promise<SyncRow[]> =>
      (
        await pg().raw(
          `select d.id, d.status, d.attempts, d.target_id, d.result_ref
             from delivery d join hub_event e on e.id = d.event_id
            where d.target_type = 'erp_connection' and e.resource_id = ? and e.type = ? order by d.created_at`,
          [orderId, type]
        )
      ).rows
    const allDelivered = (orderId: string, type: string, attempts = 1) =>
      waitFor(
        async () => {
          const rows = await erpSyncs(orderId, type)
          return rows.length === 3 && rows.every((r) => r.status === "delivered" && r.attempts >= attempts)
            ? rows
            : undefined
        },
        30_000,
        `${type} delivered to the three ERP connections`
      )
    const hubEvents = async (orderId: string, type: string): Promise<Array<{ id: string; payload: any }>> =>
      (await pg().raw("select id, payload from hub_event where resource_id = ? and type = ?", [orderId, type])).rows

    async function createConnection(kind: SandboxKind, settings: Record<string, unknown>, credentials: unknown) {
      const res = await admin.post("/admin/erp/connections", {
        name: `${kind} (sandbox)`,
        kind,
        settings: { ...fast, ...settings },
        credentials,
        max_attempts: 6,
        retry_base_ms: 300,
      })
      expect(res.status).toBe(201)
      connections[kind] = res.body.connection.id
    }

    /** BC knows the buyer company as customer C-1001 (its ERP account number), as a merchant would have set it up. */
    async function bcCustomer(): Promise<void> {
      const breakers = new BreakerRegistry()
      const bc = createConnector(
        {
          kind: "business-central",
          settings: {
            tenantId: "contoso.onmicrosoft.com",
            environment: "sandbox",
            companyId: BC_COMPANY,
            apiRoot: erp.businessCentralBaseUrl,
            tokenUrl: erp.businessCentralTokenUrl,
          },
          credentials: BC_CREDENTIALS,
        },
        { breakers }
      )
      const address = { address_1: "1 Works Rd", city: "Fresno", postal_code: "93706", country_code: "us" }
      await bc.upsertCustomer({
        company_id: fixture.company_id,
        erp_account_number: "C-1001",
        name: "Acme Industrial",
        email: "ap@acme.example",
        billing_address: address,
        shipping_address: address,
      })
      breakers.shutdown()
    }

    /** Medusa's return flow over the admin API: request the items, receive them, confirm. */
    async function receiveReturn(orderId: string, items: Array<{ id: string; quantity: number }>): Promise<string> {
      const begun = await admin.post("/admin/returns", { order_id: orderId, location_id: fixture.stock_location_id })
      expect(begun.status).toBe(200)
      const id = begun.body.return.id as string
      expect((await admin.post(`/admin/returns/${id}/request-items`, { items })).status).toBe(200)
      expect((await admin.post(`/admin/returns/${id}/request`, {})).status).toBe(200)
      expect((await admin.post(`/admin/returns/${id}/receive`, {})).status).toBe(200)
      expect((await admin.post(`/admin/returns/${id}/receive-items`, { items })).status).toBe(200)
      expect((await admin.post(`/admin/returns/${id}/receive/confirm`, {})).status).toBe(200)
      return id
    }

    const lineOf = (o: any, sku: string) => o.items.find((i: any) => i.variant_sku === sku)
    /** The ERP's credit memos for this return (the sandbox holds every test's). */
    const memosOf = (returnId: string, kind: SandboxKind) =>
      erp.creditMemos(kind).filter((m) => m.externalId === returnId)

    /**
     * An order placed and synced everywhere, fulfilled in Medusa and shipped by NetSuite's
     * warehouse (so NetSuite will not lower its lines), then 1 kit and 2 gloves returned.
     */
    async function placeShipAndReturn(): Promise<{ order: any; returnId: string; genericWrites: number }> {
      const store = await buyerStore(api.defaults.baseURL!, fixture)
      const [placed] = await placeOrders(store, fixture, 1)
      await allDelivered(placed.id, "order.placed")
      const order = (await admin.get(`/admin/orders/${placed.id}?fields=id,total,*items`)).body.order
      const kit = lineOf(order, "FAST-KIT-100")
      const gloves = lineOf(order, "GLOVE-L")
      const fulfilled = await admin.post(`/admin/orders/${order.id}/fulfillments`, {
        items: [
          { id: kit.id, quantity: 2 },
          { id: gloves.id, quantity: 5 },
        ],
        location_id: fixture.stock_location_id,
      })
      expect(fulfilled.status).toBe(200)
      erp.addShipment({ orderId: order.id, kind: "netsuite", trackingNumber: "1Z999AA10123456784" })
      const genericWrites = erp.upsertCount(order.id, "generic")
      const returnId = await receiveReturn(order.id, [
        { id: kit.id, quantity: 1 },
        { id: gloves.id, quantity: 2 },
      ])
      return { order, returnId, genericWrites }
    }
    const skuQuantities = (lines: Array<{ sku: string; quantity: number; lineType?: string }>) =>
      lines
        .filter((l) => (l.lineType ?? "Item") === "Item" && ["FAST-KIT-100", "GLOVE-L"].includes(l.sku))
        .map((l) => [l.sku, l.quantity])
        .sort()

    beforeAll(async () => {
      const cert: NetSuiteCertificate = netSuiteCertificate()
      stripe = await startStripeSandbox({ port: STRIPE_PORT, webhookSecret: process.env.STRIPE_WEBHOOK_SECRET })
      stripe.setWebhookUrl(`${api.defaults.baseURL}/hooks/payment/net-terms_net-terms`)
      erp = await startErpSandbox({ netsuitePublicKey: cert.publicKey })
      const container = getContainer()
      fixture = await seedB2bFixture(container)
      admin = await adminHttp(api.defaults.baseURL!, container)
      await createConnection(
        "netsuite",
        {
          accountId: "TSTDRV0001",
          baseUrl: erp.netsuiteBaseUrl,
          tokenUrl: erp.netsuiteTokenUrl,
          // The hub's tax as tax details, so the sandbox can total what NetSuite holds.
          taxDetails: { taxTypeId: "7", taxCodeId: "1432" },
          shippingItemId: "SHIP-01",
        },
        netSuiteCredentials(cert)
      )
      await createConnection(
        "business-central",
        {
          tenantId: "contoso.onmicrosoft.com",
          environment: "sandbox",
          companyId: BC_COMPANY,
          apiRoot: erp.businessCentralBaseUrl,
          tokenUrl: erp.businessCentralTokenUrl,
          shippingLine: { lineType: "Account", number: "6810", description: "Freight" },
          taxLine: { lineType: "Account", number: "2310", exemptTaxCode: "NOTAX", description: "Sales tax" },
        },
        BC_CREDENTIALS
      )
      const generic = { baseUrl: erp.genericBaseUrl, auth: { type: "bearer" }, paths: {} }
      await createConnection("generic", generic, { token: "erp-sandbox-token" })
      await bcCustomer()
    })

    afterAll(async () => {
      await Promise.allSettled([stripe?.close(), erp?.close()])
    })

    it("books a received return once per ERP connection: credit memos with the returned lines and amounts, the generic ERP the updated order", async () => {
      const { order, returnId, genericWrites } = await placeShipAndReturn()
      // In an ERP that books the return apart, the sales order less its credit memo is the order now.
      const netOf = (kind: SandboxKind) =>
        Math.round(Number(erp.documentTotal(order.id, kind)) * 100) -
        Math.round(Number(erp.creditMemoTotal(returnId, kind)) * 100)

      // One order.returned, carrying the return's own document and the order as it stands.
      const [event, ...more] = await waitFor(
        async () => {
          const events = await hubEvents(order.id, "order.returned")
          return events.length ? events : undefined
        },
        20_000,
        "the order.returned hub event"
      )
      expect(more).toHaveLength(0)
      const ret = event.payload.data.return
      expect(ret).toMatchObject({ id: returnId, subtotal_minor: "2090", tax_minor: "172", total_minor: "2262" })
      expect(ret.lines.map((l: any) => [l.sku, l.quantity, l.net_minor, l.tax_minor, l.total_minor]).sort()).toEqual([
        ["FAST-KIT-100", 1, "1250", "103", "1353"],
        ["GLOVE-L", 2, "840", "69", "909"],
      ])
      const now = event.payload.data.order
      expect(now.returns.map((r: any) => r.id)).toEqual([returnId])
      // Medusa took the returned units off the order; the document states its total now.
      const { body: after } = await admin.get(`/admin/orders/${order.id}?fields=id,total`)
      expect(now.total_minor).toBe(String(Math.round(Number(after.order.total) * 100)))
      // Each figure is rounded once (49.795 as placed, 27.17075 kept, 13.53 + 9.09 returned), so the
      // placed total less the kept one can be a cent off the return's: the ERPs get the return's.
      expect(Math.abs(Math.round(Number(order.total) * 100) - Number(now.total_minor) - 2262)).toBeLessThanOrEqual(1)
      // The return is not an order.updated any more: ERPs would book it twice.
      expect(await hubEvents(order.id, "order.updated")).toHaveLength(0)

      const syncs = await allDelivered(order.id, "order.returned")

      // NetSuite: one credit memo, by the return id, at the return's total; the sales order as sold.
      const nsMemo = erp.creditMemo(returnId, "netsuite")!
      expect(memosOf(returnId, "netsuite")).toHaveLength(1)
      expect(skuQuantities(nsMemo.lines)).toEqual([
        ["FAST-KIT-100", 1],
        ["GLOVE-L", 2],
      ])
      expect(nsMemo.lines.map((l) => l.amount).sort()).toEqual(["12.5", "8.4"])
      expect(erp.creditMemoTotal(returnId, "netsuite")).toBe("22.62")
      expect(skuQuantities(erp.salesOrder(order.id, "netsuite")!.lines)).toEqual([
        ["FAST-KIT-100", 2],
        ["GLOVE-L", 5],
      ])
      expect(netOf("netsuite")).toBe(Number(now.total_minor))

      // Business Central: one sales credit memo, lines priced as sold, the hub's tax on its tax line.
      const bcMemo = erp.creditMemo(returnId, "business-central")!
      expect(memosOf(returnId, "business-central")).toHaveLength(1)
      expect(bcMemo.fields.customerNumber).toBe("C-1001")
      expect(skuQuantities(bcMemo.lines)).toEqual([
        ["FAST-KIT-100", 1],
        ["GLOVE-L", 2],
      ])
      expect(erp.creditMemoTotal(returnId, "business-central")).toBe("22.62")
      expect(skuQuantities(erp.salesOrder(order.id, "business-central")!.lines)).toEqual([
        ["FAST-KIT-100", 2],
        ["GLOVE-L", 5],
      ])
      expect(netOf("business-central")).toBe(Number(now.total_minor))

      // Generic REST: no return document, so exactly one more write of the order: the units kept, the new total.
      expect(memosOf(returnId, "generic")).toHaveLength(0)
      expect(erp.upsertCount(order.id, "generic")).toBe(genericWrites + 1)
      expect(skuQuantities(erp.salesOrder(order.id, "generic")!.lines)).toEqual([
        ["FAST-KIT-100", 1],
        ["GLOVE-L", 3],
      ])
      expect(erp.documentTotal(order.id, "generic")).toBe((Number(now.total_minor) / 100).toFixed(2))

      // The admin ERP views show the return's syncs, each with the document it made.
      const view = await admin.get(`/admin/erp/orders/${order.id}/sync`)
      expect(view.status).toBe(200)
      const returned = view.body.syncs.filter((s: any) => s.event_type === "order.returned")
      const byConnection = Object.fromEntries(returned.map((s: any) => [s.connection_id, s]))
      expect(byConnection[connections.netsuite]).toMatchObject({ status: "delivered", erp_id: nsMemo.erpId })
      expect(byConnection[connections["business-central"]]).toMatchObject({ status: "delivered", erp_id: bcMemo.erpId })
      expect(byConnection[connections.generic]).toMatchObject({
        status: "delivered",
        erp_id: erp.salesOrder(order.id, "generic")!.erpId,
      })
      expect(syncs.map((s) => s.id).sort()).toEqual(returned.map((s: any) => s.id).sort())
      // The external-id map still names each ERP's sales order, not the credit memo.
      const { rows: links } = await pg().raw(
        "select connection_id, erp_id from erp_order_link where order_id = ? and deleted_at is null",
        [order.id]
      )
      expect(Object.fromEntries(links.map((l: any) => [l.connection_id, l.erp_id]))).toEqual({
        [connections.netsuite]: erp.salesOrder(order.id, "netsuite")!.erpId,
        [connections["business-central"]]: erp.salesOrder(order.id, "business-central")!.erpId,
        [connections.generic]: erp.salesOrder(order.id, "generic")!.erpId,
      })
    })

    it("a retried return sync books nothing twice: an ERP failure, then an operator's resend of every connection's sync", async () => {
      // BC fails the first credit memo create (an ambiguous 500: a POST is not resent), so that
      // sync is retried from the queue; its lookup then finds no memo and creates one.
      erp.failNext(1, 500, undefined, { method: "POST", pathIncludes: "/salesCreditMemos" })
      const { order, returnId } = await placeShipAndReturn()
      const syncs = await allDelivered(order.id, "order.returned")
      const bcFirst = syncs.find((s) => s.target_id === connections["business-central"])!
      expect(bcFirst.attempts).toBe(2)
      const booked = {
        ns: erp.creditMemo(returnId, "netsuite")!.erpId,
        bc: erp.creditMemo(returnId, "business-central")!.erpId,
        orders: erp.createCount(order.id, "generic"),
      }

      for (const sync of syncs) expect((await admin.post(`/admin/erp/syncs/${sync.id}/retry`, {})).status).toBe(202)
      await waitFor(
        async () => {
          const rows = await erpSyncs(order.id, "order.returned")
          return rows.every((r) => r.status === "delivered" && r.attempts > syncs.find((s) => s.id === r.id)!.attempts)
        },
        30_000,
        "the resent return syncs"
      )

      for (const kind of ["netsuite", "business-central"] as const) {
        expect(memosOf(returnId, kind)).toHaveLength(1)
        expect(erp.createCount(returnId, kind)).toBe(1)
        expect(erp.creditMemoTotal(returnId, kind)).toBe("22.62")
      }
      expect(erp.creditMemo(returnId, "netsuite")!.erpId).toBe(booked.ns)
      expect(erp.creditMemo(returnId, "business-central")!.erpId).toBe(booked.bc)
      expect(erp.createCount(order.id, "generic")).toBe(booked.orders)
      expect(await hubEvents(order.id, "order.returned")).toHaveLength(1)
    })
  },
})
