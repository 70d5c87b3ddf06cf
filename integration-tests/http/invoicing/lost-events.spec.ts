import { medusaIntegrationTestRunner } from "@medusajs/test-utils"
import type { MedusaContainer } from "@medusajs/framework/types"
import { NET_TERMS_PROVIDER_ID } from "../../../src/modules/providers/net-terms/constants"
import { OUTBOX_MODULE } from "../../../src/modules/outbox"
import { finishOrdersChangedIn } from "../../../src/jobs/orders-placed-reconcile"
import { createWorkflow, WorkflowResponse } from "@medusajs/framework/workflows-sdk"
import { prepareInvoiceStep } from "../../../src/workflows/invoicing/steps/prepare-invoice"
import { waitFor } from "../../helpers/store-client"
import {
  adminHeaders,
  executionsPerKey,
  freshBuyer,
  hubEventsOf,
  invoicesOfOrder,
  totalMinor,
  useMerchant,
  useStripeSandbox,
} from "./helpers"

jest.setTimeout(120_000)

// The worker dies inside the order.placed subscriber after `order.placed` is
// recorded and before the issuing run creates the invoice record (the two run
// side by side, order-placed-effects.ts), and the Medusa event that would run
// the subscriber again is lost with a Redis flush. The soak met exactly this:
// an order with its ERP sales order and no invoice, ever. Here the subscriber
// records the event and stops there, as that worker did.
jest.mock("../../../src/workflows/orders/utils/order-placed-effects", () => {
  const { recordOrderEventWorkflow } = jest.requireActual("../../../src/workflows/orders/record-order-event")
  return {
    runOrderPlacedEffects: async (container: MedusaContainer, orderId: string) => {
      await recordOrderEventWorkflow(container).run({ input: { order_id: orderId, type: "order.placed" } })
    },
  }
})

/**
 * The issuing workflow's first step alone: a run killed right after it has
 * created the invoice record, before any Stripe call (the soak's second lost
 * invoice: a record `pending` with progress `none`, and its event flushed).
 */
const issuingRunKilledAfterRecord = createWorkflow(
  "test-issuing-run-killed-after-record",
  (input: { order_id: string }) => new WorkflowResponse(prepareInvoiceStep(input))
)

// The order.canceled handler that voids the invoice never runs, as when its Medusa event is lost.
jest.mock("../../../src/subscribers/order-canceled-invoice", () => ({
  __esModule: true,
  default: async () => undefined,
  config: { event: "order.canceled", context: { subscriberId: "order-canceled-invoice" } },
}))

// Nor do the two handlers of a received return (its credit note, its order.returned event).
jest.mock("../../../src/subscribers/order-return-received", () => ({
  __esModule: true,
  default: async () => undefined,
  config: { event: "order.return_received", context: { subscriberId: "order-return-received-credit" } },
}))
jest.mock("../../../src/subscribers/order-returned", () => ({
  __esModule: true,
  default: async () => undefined,
  config: { event: "order.return_received", context: { subscriberId: "order-return-received-record" } },
}))

// Nor the fulfillment facts: order.shipped (order-shipped.ts) and order.fulfillment_created
// (order-changed.ts, whose other events are handled as always).
jest.mock("../../../src/subscribers/order-shipped", () => ({
  __esModule: true,
  default: async () => undefined,
  config: { event: "shipment.created" },
}))
jest.mock("../../../src/subscribers/order-changed", () => {
  const actual = jest.requireActual("../../../src/subscribers/order-changed")
  return {
    __esModule: true,
    config: actual.config,
    default: async (args: { event: { name: string } }) =>
      args.event.name === "order.fulfillment_created" ? undefined : await actual.default(args),
  }
})

const sbx = useStripeSandbox("lost-events", [41_370, 41_379])

/**
 * What the orders-placed-reconcile job finishes when a Medusa event was lost
 * (a worker killed in its handler, then a Redis flush): the invoice of a placed
 * net-terms order that has none or whose issuing run died before sending it,
 * the void of a canceled order's open invoice, a received return's credit
 * note and `order.returned`, a fulfillment's `order.fulfillment_created` and
 * `order.shipped`. Each once: a second pass changes nothing.
 */
medusaIntegrationTestRunner({
  testSuite: ({ api, getContainer }) => {
    const merchant = useMerchant(api, getContainer, sbx)

    const orderEvents = async (orderId: string) =>
      await (getContainer().resolve(OUTBOX_MODULE) as any).listHubEvents({
        resource_type: "order",
        resource_id: orderId,
      })
    const admin = async () => ({ headers: await adminHeaders(getContainer()) })
    /** A net-terms checkout through the store API, once the (replaced) order.placed handling has recorded its event. */
    async function placeOrder(quantity: number, poNumber: string) {
      const buyer = await freshBuyer(getContainer(), api.defaults.baseURL!, merchant().publishable_key)
      const cart = await buyer.store.createCart({
        region_id: merchant().region_id,
        items: [{ variant_id: merchant().variants[0].id, quantity }],
      })
      const order = await buyer.store.checkout(cart.id, { providerId: NET_TERMS_PROVIDER_ID, poNumber })
      await waitFor(
        async () => (await orderEvents(order.id)).some((e: any) => e.type === "order.placed"),
        20_000,
        "order.placed to be recorded"
      )
      return order
    }
    /** What the job does on its schedule, over a window that ends now rather than a minute ago. */
    const reconcile = () =>
      finishOrdersChangedIn(getContainer(), {
        since: new Date(Date.now() - 3_600_000),
        until: new Date(Date.now() + 1_000),
      })

    it("issues the invoice of a placed net-terms order whose issuing run never began, once", async () => {
      const order = await placeOrder(3, "PO-LOST")
      expect(await invoicesOfOrder(getContainer(), order.id)).toEqual([])

      await reconcile()
      const [invoice] = await invoicesOfOrder(getContainer(), order.id)
      expect(invoice).toMatchObject({ progress: "sent", status: "open", total_minor: totalMinor(order.total, 2) })
      const billed = sbx()
        .invoices()
        .filter((i) => i.metadata.medusa_order_id === order.id)
      expect(billed.map((i) => [i.id, i.total])).toEqual([[invoice.stripe_invoice_id, totalMinor(order.total, 2)]])
      const issued = async () =>
        (await hubEventsOf(getContainer(), invoice.id)).filter((e) => e.type === "invoice.issued")
      expect(await issued()).toHaveLength(1)

      // The next run finds the order invoiced: no second record, Stripe invoice or event.
      await reconcile()
      expect((await invoicesOfOrder(getContainer(), order.id)).map((i) => i.id)).toEqual([invoice.id])
      expect(
        sbx()
          .invoices()
          .filter((i) => i.metadata.medusa_order_id === order.id)
      ).toHaveLength(1)
      expect(await issued()).toHaveLength(1)
    })

    it("resumes an invoice whose issuing run died after recording it and before Stripe, once", async () => {
      const order = await placeOrder(2, "PO-DIED")
      await issuingRunKilledAfterRecord(getContainer()).run({ input: { order_id: order.id } })
      const [recorded] = await invoicesOfOrder(getContainer(), order.id)
      expect(recorded).toMatchObject({ status: "pending", progress: "none", stripe_invoice_id: null })

      await reconcile()
      const [invoice] = await invoicesOfOrder(getContainer(), order.id)
      expect(invoice).toMatchObject({
        id: recorded.id,
        progress: "sent",
        status: "open",
        total_minor: totalMinor(order.total, 2),
      })
      const billed = () =>
        sbx()
          .invoices()
          .filter((i) => i.metadata.medusa_order_id === order.id)
      expect(billed().map((i) => [i.id, i.total])).toEqual([[invoice.stripe_invoice_id, totalMinor(order.total, 2)]])
      const issued = async () =>
        (await hubEventsOf(getContainer(), invoice.id)).filter((e) => e.type === "invoice.issued")
      expect(await issued()).toHaveLength(1)

      await reconcile()
      expect((await invoicesOfOrder(getContainer(), order.id)).map((i) => i.id)).toEqual([invoice.id])
      expect(billed()).toHaveLength(1)
      expect(await issued()).toHaveLength(1)
    })

    it("voids the open invoice of an order canceled while its order.canceled handling was lost, once", async () => {
      const order = await placeOrder(1, "PO-CANCEL")
      await reconcile()
      const [invoice] = await invoicesOfOrder(getContainer(), order.id)
      expect(invoice).toMatchObject({ progress: "sent", status: "open" })

      const canceled = await api.post(
        `/admin/orders/${order.id}/cancel`,
        {},
        { headers: await adminHeaders(getContainer()) }
      )
      expect(canceled.status).toBe(200)
      const stripeStatus = () =>
        sbx()
          .invoices()
          .find((i) => i.id === invoice.stripe_invoice_id)?.status
      expect(stripeStatus()).toBe("open")

      await reconcile()
      expect(stripeStatus()).toBe("void")
      const [voided] = await invoicesOfOrder(getContainer(), order.id)
      expect(voided).toMatchObject({ id: invoice.id, status: "void", amount_due_minor: 0 })
      const voidedEvents = async () =>
        (await hubEventsOf(getContainer(), invoice.id)).filter((e) => e.type === "invoice.voided")
      expect(await voidedEvents()).toHaveLength(1)

      await reconcile()
      expect(executionsPerKey(sbx(), `inv:${order.id}:void`)).toEqual({ [`inv:${order.id}:void:v1`]: 1 })
      expect(await voidedEvents()).toHaveLength(1)
    })

    it("credits a received return and announces it when its order.return_received handling was lost, once", async () => {
      const order = await placeOrder(4, "PO-RETURN")
      await reconcile()
      const [invoice] = await invoicesOfOrder(getContainer(), order.id)
      expect(invoice).toMatchObject({ progress: "sent", status: "open" })
      const line = order.items[0]
      const location_id = merchant().stock_location_id
      await api.post(
        `/admin/orders/${order.id}/fulfillments`,
        { items: [{ id: line.id, quantity: 4 }], location_id },
        await admin()
      )
      const { data } = await api.post(`/admin/returns`, { order_id: order.id, location_id }, await admin())
      const returnId = data.return.id as string
      await api.post(
        `/admin/returns/${returnId}/request-items`,
        { items: [{ id: line.id, quantity: 1 }] },
        await admin()
      )
      await api.post(`/admin/returns/${returnId}/request`, {}, await admin())
      await api.post(`/admin/returns/${returnId}/receive`, {}, await admin())
      await api.post(
        `/admin/returns/${returnId}/receive-items`,
        { items: [{ id: line.id, quantity: 1 }] },
        await admin()
      )
      await api.post(`/admin/returns/${returnId}/receive/confirm`, {}, await admin())

      const notes = () =>
        sbx()
          .creditNotes()
          .filter((n) => n.invoice === invoice.stripe_invoice_id)
      const returned = async () => (await orderEvents(order.id)).filter((e: any) => e.type === "order.returned")
      expect(notes()).toEqual([])
      expect(await returned()).toEqual([])

      await reconcile()
      expect(notes()).toHaveLength(1)
      // The note the hub recorded for this return (its amount: credit-notes.spec).
      expect(notes()[0].metadata).toMatchObject({ medusa_return_id: returnId })
      expect(await returned()).toHaveLength(1)
      const [note] = await (getContainer().resolve("invoicing") as any).listCreditNotes({ reason_key: returnId })
      expect(note.stripe_credit_note_id).toBe(notes()[0].id)

      await reconcile()
      expect(notes()).toHaveLength(1)
      expect(await returned()).toHaveLength(1)
    })

    it("records order.fulfillment_created and order.shipped when their Medusa events were lost, once", async () => {
      const order = await placeOrder(2, "PO-SHIP")
      const items = order.items.map((i: any) => ({ id: i.id, quantity: i.quantity }))
      const fulfilled = await api.post(
        `/admin/orders/${order.id}/fulfillments`,
        { items, location_id: merchant().stock_location_id },
        await admin()
      )
      expect(fulfilled.status).toBe(200)
      const { data } = await api.get(`/admin/orders/${order.id}?fields=fulfillments.id`, await admin())
      const fulfillmentId = data.order.fulfillments.at(-1).id as string
      const shipped = await api.post(
        `/admin/orders/${order.id}/fulfillments/${fulfillmentId}/shipments`,
        { items },
        await admin()
      )
      expect(shipped.status).toBe(200)
      const facts = async () =>
        (await orderEvents(order.id))
          .filter((e: any) => e.type === "order.fulfillment_created" || e.type === "order.shipped")
          .map((e: any) => [e.type, e.payload.data.fulfillment_id])
          .sort()
      expect(await facts()).toEqual([])

      await reconcile()
      expect(await facts()).toEqual([
        ["order.fulfillment_created", fulfillmentId],
        ["order.shipped", fulfillmentId],
      ])
      await reconcile()
      expect(await facts()).toHaveLength(2)
    })
  },
})
