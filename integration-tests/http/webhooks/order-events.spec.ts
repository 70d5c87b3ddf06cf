import { medusaIntegrationTestRunner } from "@medusajs/test-utils"
import { Webhook } from "standardwebhooks"
import { startStripeSandbox, StripeSandbox } from "../../sandboxes/stripe"
import { startPartnerReceiver, PartnerReceiver } from "../../sandboxes/partner"
import { B2bFixture, seedB2bFixture } from "../../helpers/fixtures"
import { StoreClient, waitFor } from "../../helpers/store-client"
import { NET_TERMS_PROVIDER_ID } from "../../../src/modules/providers/net-terms/constants"
import { EVENT_TYPES, eventTypeDefinition } from "../../../src/modules/outbox/catalogue"
import { adminHttp, createEndpoint, HubHttp, issuePartner, IssuedPartner, webhookHeaders } from "./helpers"

jest.setTimeout(180_000)

const STRIPE_PORT = 41_401
const WEBHOOK_SECRET = "whsec_dGVzdC1zZWNyZXQtd2ViaG9vay1vcmRlci1ldmVudHM="
process.env.STRIPE_API_BASE = `http://127.0.0.1:${STRIPE_PORT}`
process.env.STRIPE_WEBHOOK_SECRET = WEBHOOK_SECRET
process.env.MEDUSA_REDIS_MODULES = "false"
process.env.HUB_QUEUE_PREFIX = `backy-test-${process.pid}-wh-orders`
process.env.WEBHOOK_ALLOWLIST = "127.0.0.1"
process.env.REDIS_URL = "redis://127.0.0.1:6379"
delete process.env.WEBHOOK_ALLOW_HTTP

medusaIntegrationTestRunner({
  testSuite: ({ api, getContainer }) => {
    let stripe: StripeSandbox
    let receiver: PartnerReceiver
    let fixture: B2bFixture
    let admin: HubHttp
    let partner: IssuedPartner
    let endpoint: { id: string; secret: string }

    beforeAll(async () => {
      stripe = await startStripeSandbox({ port: STRIPE_PORT, webhookSecret: WEBHOOK_SECRET })
      stripe.setWebhookUrl(`${api.defaults.baseURL}/hooks/payment/net-terms_net-terms`)
      receiver = await startPartnerReceiver()
      fixture = await seedB2bFixture(getContainer())
      admin = await adminHttp(api.defaults.baseURL!, getContainer())
      partner = await issuePartner(admin, "Acme Logistics")
      endpoint = await createEndpoint(partner, {
        url: `${receiver.url}/orders`,
        event_types: ["order.placed", "order.fulfillment_created", "order.shipped", "order.canceled"],
      })
    })

    afterAll(async () => {
      await receiver?.close()
      await stripe?.close()
    })

    beforeEach(() => receiver.clear())

    const placeOrder = async () => {
      const store = new StoreClient(api.defaults.baseURL!, fixture.publishable_key)
      await store.login(fixture.buyer.email, fixture.buyer.password)
      const cart = await store.createCart({
        region_id: fixture.region_id,
        items: [{ variant_id: fixture.variants[0].id, quantity: 2 }],
      })
      return await store.checkout(cart.id, { providerId: NET_TERMS_PROVIDER_ID, poNumber: "PO-42" })
    }
    const eventsOfType = (type: string) =>
      receiver.deliveries("/orders").filter((d) => JSON.parse(d.body).type === type)

    it("delivers order.placed from checkout to the subscribed endpoint, signed as Standard Webhooks says", async () => {
      const order = await placeOrder()
      await waitFor(() => eventsOfType("order.placed").length > 0, 30_000, "order.placed at the partner")
      const [delivery] = eventsOfType("order.placed")

      // The standardwebhooks library verifies signature and timestamp on the raw body.
      const verified = new Webhook(endpoint.secret).verify(delivery.body, webhookHeaders(delivery.headers)) as any
      expect(verified).toMatchObject({
        type: "order.placed",
        version: eventTypeDefinition("order.placed")!.version,
        sequence: 1,
        resource: { type: "order", id: order.id },
        data: { order: { id: order.id, po_number: "PO-42", currency_code: "usd" } },
      })
      expect(verified.id).toBe(delivery.headers["webhook-id"])
      expect(verified.id).toMatch(/^evt_/)
      expect(new Date(verified.occurred_at).toISOString()).toBe(verified.occurred_at)
      expect(delivery.headers["content-type"]).toBe("application/json")

      // One byte changed anywhere in the body fails verification.
      const tampered = delivery.body.replace('"PO-42"', '"PO-43"')
      expect(tampered).not.toBe(delivery.body)
      expect(() => new Webhook(endpoint.secret).verify(tampered, webhookHeaders(delivery.headers))).toThrow()
      // So does another endpoint's secret.
      expect(() =>
        new Webhook("whsec_" + Buffer.alloc(32, 1).toString("base64")).verify(
          delivery.body,
          webhookHeaders(delivery.headers)
        )
      ).toThrow()

      // The delivery log shows it delivered with one attempt (recorded just after the receiver answered).
      const log = await waitFor(
        async () => {
          const answer = await partner.http.get(
            `/partners/deliveries?event_type=order.placed&endpoint_id=${endpoint.id}`
          )
          return answer.body.deliveries?.[0]?.status === "delivered" ? answer : undefined
        },
        10_000,
        "the delivery to be recorded"
      )
      expect(log.body.deliveries).toEqual([
        expect.objectContaining({
          event_id: verified.id,
          status: "delivered",
          attempts: 1,
          last_status_code: 200,
          next_attempt_at: null,
        }),
      ])
    })

    it("delivers order.fulfillment_created and order.shipped in sequence, each once", async () => {
      const order = await placeOrder()
      await waitFor(() => eventsOfType("order.placed").length > 0, 30_000, "order.placed")
      const items = order.items.map((i: any) => ({ id: i.id, quantity: i.quantity }))
      const fulfilled = await admin.post(`/admin/orders/${order.id}/fulfillments`, {
        items,
        location_id: fixture.stock_location_id,
      })
      expect(fulfilled.status).toBe(200)
      const { body: withFulfillments } = await admin.get(`/admin/orders/${order.id}?fields=fulfillments.id`)
      const fulfillment = withFulfillments.order.fulfillments.at(-1)
      const shipped = await admin.post(`/admin/orders/${order.id}/fulfillments/${fulfillment.id}/shipments`, { items })
      expect(shipped.status).toBe(200)

      await waitFor(() => eventsOfType("order.shipped").length > 0, 30_000, "order.shipped")
      const [created] = eventsOfType("order.fulfillment_created").map((d) => JSON.parse(d.body))
      const [ship] = eventsOfType("order.shipped").map((d) => JSON.parse(d.body))
      expect(created.data.fulfillment_id).toBe(fulfillment.id)
      expect(ship).toMatchObject({
        resource: { type: "order", id: order.id },
        data: { fulfillment_id: fulfillment.id, order: { id: order.id } },
      })
      // Per-resource sequence: placed (1) < fulfillment_created < shipped; other order facts may sit between.
      const placed = JSON.parse(eventsOfType("order.placed")[0].body)
      expect(placed.sequence).toBe(1)
      expect(created.sequence).toBeGreaterThan(placed.sequence)
      expect(ship.sequence).toBeGreaterThan(created.sequence)
      for (const type of ["order.placed", "order.fulfillment_created", "order.shipped"])
        expect(eventsOfType(type)).toHaveLength(1)
      for (const d of receiver.deliveries("/orders")) {
        expect(() => new Webhook(endpoint.secret).verify(d.body, webhookHeaders(d.headers))).not.toThrow()
      }
    })

    it("serves the catalogue with a versioned JSON Schema per type, to partners and admins", async () => {
      const publicView = await admin.as(undefined).get("/partners/event-types")
      const adminView = await admin.get("/admin/webhooks/event-types")
      expect(publicView.status).toBe(200)
      expect(adminView.body).toEqual(publicView.body)
      const types = publicView.body.event_types.map((t: any) => t.type)
      expect(types).toEqual(
        expect.arrayContaining([
          "order.placed",
          "order.updated",
          "order.canceled",
          "order.fulfillment_created",
          "order.shipped",
          "invoice.issued",
          "invoice.paid",
          "invoice.overdue",
          "invoice.voided",
          "credit_note.created",
          "erp.sync_failed",
          "webhook.endpoint.disabled",
        ])
      )
      expect(types).toEqual([...EVENT_TYPES])
      for (const t of publicView.body.event_types) {
        expect(t.version).toEqual(expect.any(Number))
        expect(t.schema).toMatchObject({
          $id: `urn:backy:event:${t.type}:v${t.version}`,
          required: expect.arrayContaining(["id", "type", "version", "occurred_at", "sequence", "data"]),
          properties: { type: { const: t.type }, version: { const: t.version } },
        })
      }
    })
  },
})
