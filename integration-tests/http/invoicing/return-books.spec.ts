import { medusaIntegrationTestRunner } from "@medusajs/test-utils"
import type { StripeSandbox } from "../../sandboxes/stripe"
import { seedCommerce, SeededCommerce } from "../../../src/scripts/seed/seed-commerce"
import { NET_TERMS_PROVIDER_ID } from "../../../src/modules/providers/net-terms/constants"
import { ERP_MODULE } from "../../../src/modules/erp"
import { OUTBOX_MODULE } from "../../../src/modules/outbox"
import { ORDER_MONEY_FIELDS, orderMoney } from "../../../src/lib/orders/order-money"
import { ContainerRegistrationKeys } from "@medusajs/framework/utils"
import { waitFor } from "../../helpers/store-client"
import { adminHeaders, freshBuyer, invoicing, startSandboxInRange, waitForInvoice } from "./helpers"

jest.setTimeout(120_000)

const WEBHOOK_SECRET = "whsec_dGVzdC1zZWNyZXQtcmV0dXJuLWJvb2tz"
process.env.STRIPE_WEBHOOK_SECRET = WEBHOOK_SECRET
// A refused credit note must stay refused: no SDK retries.
process.env.STRIPE_MAX_NETWORK_RETRIES = "0"
process.env.MEDUSA_REDIS_MODULES = "false"
process.env.HUB_QUEUE_PREFIX = `backy-test-${process.pid}-return-books`

let sbx: StripeSandbox
// Before the runner's own beforeAll: the app boots pointing at this sandbox.
beforeAll(async () => {
  sbx = await startSandboxInRange(41_960, 41_969, { webhookSecret: WEBHOOK_SECRET })
})

/**
 * The books after a received return, through the admin return API: Medusa
 * 2.21 takes received units off the order's totals, so the invoice less its
 * credit notes, the order and the ERP document (re-published with the
 * order.returned event, the kept quantity on its line) agree and the drift
 * report is clean; a return Stripe has not credited is drift.
 */
medusaIntegrationTestRunner({
  testSuite: ({ api, getContainer }) => {
    let commerce: SeededCommerce
    const admin = async () => ({ headers: await adminHeaders(getContainer()) })

    beforeAll(async () => {
      sbx.setWebhookUrl(`${api.defaults.baseURL}/hooks/payment/net-terms_net-terms`)
      // One line of 4 × 9.99 at 8.875 % (43.51) and shipping 25.00 + 2.22: 70.73.
      commerce = await seedCommerce(getContainer(), {
        taxRate: 8.875,
        products: [{ title: "Hex Bolt Box", handle: "hex-bolt-box", sku: "BOLT-999", price: 9.99 }],
      })
    })
    afterAll(async () => {
      await sbx?.close()
    })

    const orderTotal = async (orderId: string) => {
      const query = getContainer().resolve(ContainerRegistrationKeys.QUERY)
      const { data } = await query.graph({ entity: "order", fields: ORDER_MONEY_FIELDS, filters: { id: orderId } })
      return orderMoney(data[0]).total_minor
    }

    async function placeAndFulfill() {
      const buyer = await freshBuyer(getContainer(), api.defaults.baseURL!, commerce.publishable_key, {
        credit_limit_minor: 1_000_000,
      })
      const cart = await buyer.store.createCart({
        region_id: commerce.region_id,
        items: [{ variant_id: commerce.variants[0].id, quantity: 4 }],
      })
      const order = await buyer.store.checkout(cart.id, { providerId: NET_TERMS_PROVIDER_ID, poNumber: "PO-RET" })
      const invoice = await waitForInvoice(
        getContainer(),
        order.id,
        (row) => row.progress === "sent",
        "the invoice to be issued"
      )
      const lineId = order.items[0].id as string
      await api.post(
        `/admin/orders/${order.id}/fulfillments`,
        { items: [{ id: lineId, quantity: 4 }], location_id: commerce.stock_location_id },
        await admin()
      )
      return { order, invoice, lineId }
    }

    /** Requests and receives a return of `quantity` units through the admin API. */
    async function receiveReturn(orderId: string, itemId: string, quantity: number) {
      const { data } = await api.post(
        `/admin/returns`,
        { order_id: orderId, location_id: commerce.stock_location_id },
        await admin()
      )
      const id = data.return.id as string
      await api.post(`/admin/returns/${id}/request-items`, { items: [{ id: itemId, quantity }] }, await admin())
      await api.post(`/admin/returns/${id}/request`, {}, await admin())
      await api.post(`/admin/returns/${id}/receive`, {}, await admin())
      await api.post(`/admin/returns/${id}/receive-items`, { items: [{ id: itemId, quantity }] }, await admin())
      await api.post(`/admin/returns/${id}/receive/confirm`, {}, await admin())
      return id
    }

    const creditRow = (returnId: string, ready: (row: any) => boolean) =>
      waitFor(
        async () => {
          const [row] = await invoicing(getContainer()).listCreditNotes({ reason_key: returnId })
          return row && ready(row) ? row : undefined
        },
        20_000,
        `the credit of return ${returnId}`
      )

    const erpDocument = (orderId: string, ready: (doc: any) => boolean) =>
      waitFor(
        async () => {
          const [row] = await (getContainer().resolve(ERP_MODULE) as any).listErpOrderFeeds({ order_id: orderId })
          return row?.document && ready(row.document) ? row.document : undefined
        },
        20_000,
        `the ERP document of ${orderId}`
      )

    const drift = async (orderId: string) =>
      (await api.get(`/admin/invoices/drift?order_id=${orderId}`, await admin())).data.orders[0]

    it("a received return credited on the invoice: order total = invoiced − credit notes = the re-published ERP document, no drift", async () => {
      const { order, invoice, lineId } = await placeAndFulfill()
      expect(await orderTotal(order.id)).toBe(7073n)

      const returnId = await receiveReturn(order.id, lineId, 1)
      const row = await creditRow(returnId, (r) => !!r.stripe_credit_note_id)
      expect(Number(row.amount_minor)).toBe(1088)
      // Medusa took the returned unit off the order's total.
      const total = await orderTotal(order.id)
      expect(total).toBe(7073n - 1088n)

      // The ERP gets the order as it is now: the kept 3 units, at the total Medusa states.
      const document = await erpDocument(order.id, (d) => d.total_minor === String(total))
      expect(document.lines.map((l: any) => [l.line_id, l.quantity, l.total_minor])).toEqual([[lineId, 3, "3263"]])
      const hub = getContainer().resolve(OUTBOX_MODULE) as any
      const returned = await hub.listHubEvents({
        resource_type: "order",
        resource_id: order.id,
        type: "order.returned",
      })
      expect(returned.map((e: any) => e.payload.data.order.total_minor)).toContain(String(total))

      expect(await drift(order.id)).toMatchObject({
        order_total_minor: Number(total),
        invoiced_minor: 7073,
        credited_minor: 1088,
        net_billed_minor: Number(total),
        erp_document_total_minor: Number(total),
        invoices: [{ id: invoice.id, status: "open" }],
        problems: [],
      })
    })

    it("a received return Stripe refused to credit is drift: the invoice still bills the returned unit", async () => {
      const { order, lineId } = await placeAndFulfill()
      sbx.failNext({ mode: "error500", method: "POST", path: /^\/v1\/credit_notes$/ })
      const returnId = await receiveReturn(order.id, lineId, 1)
      // The intent is recorded, Stripe has no note.
      await creditRow(returnId, (r) => !r.stripe_credit_note_id)
      const total = await orderTotal(order.id)
      await erpDocument(order.id, (d) => d.total_minor === String(total))

      const row = await drift(order.id)
      expect(row).toMatchObject({
        order_total_minor: Number(total),
        invoiced_minor: 7073,
        credited_minor: 0,
        net_billed_minor: 7073,
        problems: ["invoice_total_mismatch"],
      })
      expect(row.messages.invoice_total_mismatch).toContain("difference 1088")
    })
  },
})
