import { medusaIntegrationTestRunner } from "@medusajs/test-utils"
import { ContainerRegistrationKeys, Modules } from "@medusajs/framework/utils"
import { createShippingOptionsWorkflow } from "@medusajs/medusa/core-flows"
import { startStripeSandbox, StripeSandbox } from "../../sandboxes/stripe"
import { startErpSandbox, ErpSandbox } from "../../sandboxes/erp"
import { B2bFixture, seedB2bFixture } from "../../helpers/fixtures"
import { StoreClient, waitFor } from "../../helpers/store-client"
import { NET_TERMS_PROVIDER_ID } from "../../../src/modules/providers/net-terms/constants"
import { ERP_FULFILLMENT_PROVIDER_ID } from "../../../src/modules/providers/erp-fulfillment/constants"
import erpShipmentsPoll from "../../../src/jobs/erp-shipments-poll"
import erpFulfillmentRequests from "../../../src/jobs/erp-fulfillment-requests"
import { adminHeaders, buyerStore, createNetSuiteConnection, NetSuiteCertificate, netSuiteCertificate } from "./helpers"

jest.setTimeout(240_000)

const STRIPE_PORT = 41_513
process.env.STRIPE_API_BASE = `http://127.0.0.1:${STRIPE_PORT}`
process.env.STRIPE_WEBHOOK_SECRET = "whsec_dGVzdC1zZWNyZXQtZXJwLWZ1bGZpbGxtZW50"
process.env.MEDUSA_REDIS_MODULES = "false"
process.env.HUB_QUEUE_PREFIX = `backy-test-${process.pid}-erp-fulfillment`

medusaIntegrationTestRunner({
  testSuite: ({ api, getContainer }) => {
    let stripe: StripeSandbox
    let erp: ErpSandbox
    let fixture: B2bFixture
    let store: StoreClient
    let cert: NetSuiteCertificate
    let erpOptionId: string

    /** Checkout with the ERP-fulfilled shipping option; waits until the order has reached the ERP. */
    async function placeErpOrder(): Promise<any> {
      const cart = await store.createCart({
        region_id: fixture.region_id,
        items: [
          { variant_id: fixture.variants[0].id, quantity: 3 },
          { variant_id: fixture.variants[2].id, quantity: 1 },
        ],
      })
      const address = {
        first_name: "Dana",
        last_name: "Buyer",
        company: "Acme Industrial",
        address_1: "500 Market St",
        city: "San Francisco",
        postal_code: "94105",
        country_code: "us",
      }
      await store.request("POST", `/store/carts/${cart.id}`, { shipping_address: address, billing_address: address })
      await store.request("POST", `/store/carts/${cart.id}/shipping-methods`, { option_id: erpOptionId })
      const { payment_collection } = await store.request("POST", "/store/payment-collections", { cart_id: cart.id })
      await store.request("POST", `/store/payment-collections/${payment_collection.id}/payment-sessions`, {
        provider_id: NET_TERMS_PROVIDER_ID,
      })
      const completed = await store.request("POST", `/store/carts/${cart.id}/complete`)
      expect(completed.type).toBe("order")
      await waitFor(() => erp.salesOrder(completed.order.id), 20_000, "the order in the ERP")
      return completed.order
    }

    async function fulfill(orderId: string): Promise<any> {
      const headers = await adminHeaders(getContainer())
      const { data } = await api.get(`/admin/orders/${orderId}?fields=id,*items`, { headers })
      await api.post(
        `/admin/orders/${orderId}/fulfillments`,
        {
          items: data.order.items.map((i: any) => ({ id: i.id, quantity: i.quantity })),
          location_id: fixture.stock_location_id,
        },
        { headers }
      )
      return (await fulfillments(orderId))[0]
    }

    async function fulfillments(orderId: string): Promise<any[]> {
      const { data } = await api.get(
        `/admin/orders/${orderId}?fields=id,*fulfillments,*fulfillments.labels,*fulfillments.items`,
        {
          headers: await adminHeaders(getContainer()),
        }
      )
      return data.order.fulfillments
    }

    beforeAll(async () => {
      cert = netSuiteCertificate()
      stripe = await startStripeSandbox({ port: STRIPE_PORT, webhookSecret: process.env.STRIPE_WEBHOOK_SECRET })
      stripe.setWebhookUrl(`${api.defaults.baseURL}/hooks/payment/net-terms_net-terms`)
      erp = await startErpSandbox({ netsuitePublicKey: cert.publicKey })
      const container = getContainer()
      fixture = await seedB2bFixture(container)
      await createNetSuiteConnection(container, erp, cert)

      // The warehouse ships through the ERP: its location offers the ERP provider and an option using it.
      const link = container.resolve(ContainerRegistrationKeys.LINK)
      await link.create({
        [Modules.STOCK_LOCATION]: { stock_location_id: fixture.stock_location_id },
        [Modules.FULFILLMENT]: { fulfillment_provider_id: ERP_FULFILLMENT_PROVIDER_ID },
      })
      const fulfillmentModule = container.resolve(Modules.FULFILLMENT)
      const existing = await fulfillmentModule.retrieveShippingOption(fixture.shipping_option_id)
      const { result } = await createShippingOptionsWorkflow(container).run({
        input: [
          {
            name: "ERP freight",
            price_type: "flat",
            provider_id: ERP_FULFILLMENT_PROVIDER_ID,
            service_zone_id: existing.service_zone_id,
            shipping_profile_id: existing.shipping_profile_id,
            type: { label: "Warehouse", description: "Shipped by the warehouse", code: "erp" },
            prices: [
              { currency_code: "usd", amount: 30 },
              { region_id: fixture.region_id, amount: 30 },
            ],
            rules: [
              { attribute: "enabled_in_store", value: "true", operator: "eq" },
              { attribute: "is_return", value: "false", operator: "eq" },
            ],
          },
        ],
      })
      erpOptionId = result[0].id
    })

    afterAll(async () => {
      await Promise.allSettled([stripe?.close(), erp?.close()])
    })

    beforeEach(async () => {
      erp.reset()
      store = await buyerStore(api.defaults.baseURL!, fixture)
    })

    it("sends a fulfillment created in Medusa to the ERP as a fulfillment request keyed by the fulfillment id", async () => {
      const order = await placeErpOrder()
      const fulfillment = await fulfill(order.id)
      expect(fulfillment).toMatchObject({ provider_id: ERP_FULFILLMENT_PROVIDER_ID, shipped_at: null })
      expect(fulfillment.data.erp).toMatchObject({ status: "requested", erp_ref: expect.any(String), attempts: 1 })

      const [request] = erp.fulfillmentRequests("netsuite")
      expect(request).toMatchObject({
        externalId: fulfillment.id,
        orderId: order.id,
        erpId: fulfillment.data.erp.erp_ref,
      })
      expect(request!.lines.map((l) => [l.sku, l.quantity]).sort()).toEqual([
        ["FAST-KIT-100", 3],
        ["WRAP-500", 1],
      ])
    })

    it("records a shipment pushed to POST /erp/fulfillments: tracking number on the fulfillment, marked shipped, once", async () => {
      const order = await placeErpOrder()
      const fulfillment = await fulfill(order.id)
      const headers = await adminHeaders(getContainer())
      const { data: created } = await api.post(
        "/admin/erp/pull-clients",
        { name: "Warehouse", scopes: ["fulfillments:write"], sales_channel_ids: [fixture.sales_channel_id] },
        { headers }
      )
      const tokenRes = await fetch(`${api.defaults.baseURL}/erp/oauth/token`, {
        method: "POST",
        headers: { "content-type": "application/x-www-form-urlencoded" },
        body: new URLSearchParams({
          grant_type: "client_credentials",
          client_id: created.pull_client.client_id,
          client_secret: created.client_secret,
        }),
      })
      const { access_token } = await tokenRes.json()
      const report = (body: unknown) =>
        fetch(`${api.defaults.baseURL}/erp/fulfillments`, {
          method: "POST",
          headers: { authorization: `Bearer ${access_token}`, "content-type": "application/json" },
          body: JSON.stringify(body),
        })
      const shipment = {
        shipment_id: "WMS-SH-1",
        order_id: order.id,
        tracking_numbers: ["1Z999AA10123456784"],
        carrier: "UPS",
        shipped_at: new Date().toISOString(),
      }

      const first = await report(shipment)
      expect(first.status).toBe(201)
      expect(await first.json()).toMatchObject({
        shipment: { id: "WMS-SH-1", fulfillment_id: fulfillment.id, created: true },
      })
      const [shipped] = await fulfillments(order.id)
      expect(shipped.shipped_at).toEqual(expect.any(String))
      expect(shipped.labels.map((l: any) => l.tracking_number)).toEqual(["1Z999AA10123456784"])

      const again = await report(shipment)
      expect(again.status).toBe(200)
      expect(await again.json()).toMatchObject({ shipment: { created: false, fulfillment_id: fulfillment.id } })
      expect((await fulfillments(order.id))[0].labels).toHaveLength(1)

      const { data: detail } = await api.get(`/admin/orders/${order.id}?fields=id,*items`, { headers })
      expect(
        detail.order.items.every((i: any) => Number(i.detail?.shipped_quantity ?? i.quantity) === Number(i.quantity))
      ).toBe(true)
    })

    it("records shipments the ERP reports, read by the scheduled job", async () => {
      const order = await placeErpOrder()
      const fulfillment = await fulfill(order.id)
      erp.addShipment({ orderId: order.id, trackingNumber: "794698723412", carrier: "FedEx" })

      await erpShipmentsPoll(getContainer())
      const [shipped] = await fulfillments(order.id)
      expect(shipped.id).toBe(fulfillment.id)
      expect(shipped.shipped_at).toEqual(expect.any(String))
      expect(shipped.labels.map((l: any) => l.tracking_number)).toEqual(["794698723412"])

      // The next poll reads the same shipment again (NetSuite filters by day): nothing changes.
      await erpShipmentsPoll(getContainer())
      expect((await fulfillments(order.id))[0].labels).toHaveLength(1)
    })

    it("withdraws the ERP's fulfillment request when the fulfillment is canceled in Medusa", async () => {
      const order = await placeErpOrder()
      const fulfillment = await fulfill(order.id)
      expect(erp.fulfillmentRequests("netsuite")[0]?.cancelledAt).toBeUndefined()

      await api.post(
        `/admin/orders/${order.id}/fulfillments/${fulfillment.id}/cancel`,
        {},
        { headers: await adminHeaders(getContainer()) }
      )
      const [canceled] = await fulfillments(order.id)
      expect(canceled.canceled_at).toEqual(expect.any(String))
      expect(erp.fulfillmentRequests("netsuite")[0]?.cancelledAt).toEqual(expect.any(String))
    })

    it("keeps a fulfillment whose request could not reach the ERP, and the job sends it once the ERP is back", async () => {
      const order = await placeErpOrder()
      await erp.goDown("refuse")
      const fulfillment = await fulfill(order.id)
      expect(fulfillment.data.erp).toMatchObject({ status: "pending", attempts: 1, last_error: expect.any(String) })
      expect(erp.fulfillmentRequests()).toHaveLength(0)

      await erp.goUp()
      await erpFulfillmentRequests(getContainer())
      const [sent] = await fulfillments(order.id)
      expect(sent.data.erp).toMatchObject({ status: "requested", attempts: 2 })
      expect(erp.fulfillmentRequests("netsuite").map((f) => f.externalId)).toEqual([fulfillment.id])
    })
  },
})
