import { medusaIntegrationTestRunner } from "@medusajs/test-utils"
import { NET_TERMS_PROVIDER_ID } from "../../../src/modules/providers/net-terms/constants"
import { waitFor } from "../../helpers/store-client"
import {
  adminHeaders,
  freshBuyer,
  invoicing,
  totalMinor,
  useMerchant,
  useStripeSandbox,
  waitForInvoice,
} from "./helpers"

jest.setTimeout(180_000)

const sbx = useStripeSandbox("account-credit", [41_980, 41_989])

/**
 * Issue 11, the credit-note policy: a return after the invoice was paid is
 * credited to the company's account (Stripe customer balance, `credit_amount`),
 * as B2B buyers expect a credit memo to be; Stripe applies it to the company's
 * next invoice when that invoice is finalized. The hub counts the applied
 * credit as settled, so the next order is captured in full in Medusa, and the
 * invoice tells the buyer how much of it their credit paid.
 */
medusaIntegrationTestRunner({
  testSuite: ({ api, getContainer }) => {
    const commerce = useMerchant(api, getContainer, sbx)
    const admin = async () => ({ headers: await adminHeaders(getContainer()) })

    async function orderPayment(orderId: string) {
      const { data } = await api.get(
        `/admin/orders/${orderId}?fields=total,payment_status,payment_collections.payments.id,payment_collections.payments.amount,payment_collections.payments.captured_at,payment_collections.payments.captures.amount`,
        await admin()
      )
      return { order: data.order, payment: data.order.payment_collections[0].payments[0] }
    }

    async function place(buyer: Awaited<ReturnType<typeof freshBuyer>>, quantity: number) {
      const [kit] = commerce().variants
      const cart = await buyer.store.createCart({
        region_id: commerce().region_id,
        items: [{ variant_id: kit.id, quantity }],
      })
      const order = await buyer.store.checkout(cart.id, { providerId: NET_TERMS_PROVIDER_ID, poNumber: "PO-CREDIT" })
      const invoice = await waitForInvoice(
        getContainer(),
        order.id,
        (row) => row.progress === "sent",
        "the invoice to be issued"
      )
      return {
        order,
        invoice,
        stripeInvoice: () =>
          sbx()
            .invoices()
            .find((i) => i.id === invoice.stripe_invoice_id)!,
      }
    }

    const capturedMinor = (payment: any) =>
      payment.captures.reduce((s: number, c: any) => s + Math.round(Number(c.amount) * 100), 0)

    it("a return credited after payment goes to the company's account, pays part of its next invoice, and both orders are captured in full", async () => {
      const buyer = await freshBuyer(getContainer(), api.defaults.baseURL!, commerce().publishable_key, {
        credit_limit_minor: 1_000_000,
      })

      // Order 1, paid in Stripe, then fulfilled and one kit returned.
      const first = await place(buyer, 3)
      sbx().payInvoice(first.stripeInvoice().id)
      await waitFor(
        async () => (await orderPayment(first.order.id)).payment.captured_at,
        20_000,
        "order 1 to be captured"
      )
      const kit = first.order.items[0]
      await api.post(
        `/admin/orders/${first.order.id}/fulfillments`,
        { items: [{ id: kit.id, quantity: 3 }], location_id: commerce().stock_location_id },
        await admin()
      )
      const { data: created } = await api.post(
        `/admin/returns`,
        { order_id: first.order.id, location_id: commerce().stock_location_id },
        await admin()
      )
      const returnId = created.return.id
      await api.post(
        `/admin/returns/${returnId}/request-items`,
        { items: [{ id: kit.id, quantity: 1 }] },
        await admin()
      )
      await api.post(`/admin/returns/${returnId}/request`, {}, await admin())
      await api.post(`/admin/returns/${returnId}/receive`, {}, await admin())
      await api.post(
        `/admin/returns/${returnId}/receive-items`,
        { items: [{ id: kit.id, quantity: 1 }] },
        await admin()
      )
      await api.post(`/admin/returns/${returnId}/receive/confirm`, {}, await admin())
      const note = await waitFor(
        () =>
          sbx()
            .creditNotes()
            .find((n) => n.metadata.reason_key === returnId),
        20_000,
        "the return's credit note"
      )
      // The invoice was paid: the whole note is post-payment, credited to the company's balance.
      expect(note).toMatchObject({ pre_payment_amount: 0, post_payment_amount: note.amount })
      const customerId = first.stripeInvoice().customer as string
      expect(
        sbx()
          .customers()
          .find((c) => c.id === customerId)!.balance
      ).toBe(-note.amount)

      // Order 2: Stripe applies the credit when it finalizes the invoice; the buyer pays the rest.
      const second = await place(buyer, 5)
      const invoice2 = second.stripeInvoice()
      const total2 = totalMinor(second.order.total, 2)
      expect(invoice2).toMatchObject({
        total: total2,
        starting_balance: -note.amount,
        ending_balance: 0,
        amount_due: total2 - note.amount,
      })
      sbx().payInvoice(invoice2.id)
      expect(second.stripeInvoice().amount_paid).toBe(total2 - note.amount)

      // Medusa captures the whole order: paid + account credit.
      const settled = await waitFor(
        async () => {
          const { order, payment } = await orderPayment(second.order.id)
          return order.payment_status === "captured" ? { order, payment } : undefined
        },
        20_000,
        "order 2 to be captured"
      )
      expect(capturedMinor(settled.payment)).toBe(total2)
      // Order 1 stays captured in full as well (its credit was the buyer's to use, not a refund).
      expect(capturedMinor((await orderPayment(first.order.id)).payment)).toBe(totalMinor(first.order.total, 2))

      // The buyer sees how their credit was used.
      const [row] = await invoicing(getContainer()).listInvoices({ id: second.invoice.id })
      expect(row).toMatchObject({ status: "paid" })
      expect(Number(row.credit_applied_minor)).toBe(note.amount)
      expect(Number(row.amount_paid_minor)).toBe(total2 - note.amount)
      const { invoices } = await buyer.store.request<{ invoices: any[] }>("GET", "/store/b2b/invoices")
      expect(invoices.find((i) => i.id === second.invoice.id)).toMatchObject({
        amount_paid_minor: total2 - note.amount,
        credit_applied_minor: note.amount,
      })
    })
  },
})
