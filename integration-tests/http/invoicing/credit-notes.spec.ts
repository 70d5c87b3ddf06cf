import { medusaIntegrationTestRunner } from "@medusajs/test-utils"
import { NET_TERMS_PROVIDER_ID } from "../../../src/modules/providers/net-terms/constants"
import { NO_STRIPE_NOTE } from "../../../src/modules/invoicing/lib/return-credit"
import { waitFor } from "../../helpers/store-client"
import {
  adminHeaders,
  assertBooksAgree,
  freshBuyer,
  invoicing,
  orderMoneyOf,
  useMerchant,
  useStripeSandbox,
  waitForInvoice,
} from "./helpers"

jest.setTimeout(120_000)

const sbx = useStripeSandbox("credit-notes", [41_920, 41_929])

/**
 * Credit notes never exceed what was invoiced, through the real store
 * checkout and the admin return and refund API: partial returns of one line
 * draw on what remains creditable (the last one takes the rest), refunds and
 * returns net in either order, and the books agree — the invoice, Medusa's
 * order (through the money model) and the ERP document to the minor unit,
 * Σ credit notes ≤ invoiced.
 */
medusaIntegrationTestRunner({
  testSuite: ({ api, getContainer }) => {
    // One line of 4 × 9.99 at 8.875 %: 39.96 + 3.54645 tax → 43.51 (shipping 25.00 + 2.22 apart).
    const commerce = useMerchant(api, getContainer, sbx, {
      taxRate: 8.875,
      products: [{ title: "Hex Bolt Box", handle: "hex-bolt-box", sku: "BOLT-999", price: 9.99 }],
    })
    const admin = async () => ({ headers: await adminHeaders(getContainer()) })

    async function placeOrder() {
      const buyer = await freshBuyer(getContainer(), api.defaults.baseURL!, commerce().publishable_key, {
        credit_limit_minor: 1_000_000,
      })
      const cart = await buyer.store.createCart({
        region_id: commerce().region_id,
        items: [{ variant_id: commerce().variants[0].id, quantity: 4 }],
      })
      const order = await buyer.store.checkout(cart.id, { providerId: NET_TERMS_PROVIDER_ID, poNumber: "PO-CN" })
      const invoice = await waitForInvoice(
        getContainer(),
        order.id,
        (row) => row.progress === "sent",
        "the invoice to be issued"
      )
      const stripeInvoice = sbx()
        .invoices()
        .find((i) => i.id === invoice.stripe_invoice_id)!
      // At placement the books agree: the invoice = Medusa's order total (through the money model) = the ERP document.
      const { money } = await assertBooksAgree(getContainer(), order.id, stripeInvoice)
      const [line] = money.items
      await api.post(
        `/admin/orders/${order.id}/fulfillments`,
        { items: [{ id: line.id, quantity: 4 }], location_id: commerce().stock_location_id },
        await admin()
      )
      return { order, invoice, stripeInvoice, line }
    }

    /** Requests and receives a return of `quantity` units through the admin API; resolves once its credit is recorded (on Stripe or covered). */
    async function returnUnits(orderId: string, itemId: string, quantity: number) {
      const { data } = await api.post(
        `/admin/returns`,
        { order_id: orderId, location_id: commerce().stock_location_id },
        await admin()
      )
      const id = data.return.id as string
      await api.post(`/admin/returns/${id}/request-items`, { items: [{ id: itemId, quantity }] }, await admin())
      await api.post(`/admin/returns/${id}/request`, {}, await admin())
      await api.post(`/admin/returns/${id}/receive`, {}, await admin())
      await api.post(`/admin/returns/${id}/receive-items`, { items: [{ id: itemId, quantity }] }, await admin())
      await api.post(`/admin/returns/${id}/receive/confirm`, {}, await admin())
      const row = await waitFor(
        async () => {
          const [r] = await invoicing(getContainer()).listCreditNotes({ reason_key: id })
          return r?.stripe_credit_note_id ? r : undefined
        },
        20_000,
        `the credit of return ${id}`
      )
      return { id, row }
    }

    async function payment(orderId: string) {
      const { data } = await api.get(
        `/admin/orders/${orderId}?fields=payment_collections.payments.id,payment_collections.payments.data`,
        await admin()
      )
      return data.order.payment_collections[0].payments[0]
    }

    async function captureAndWaitPaid(orderId: string, invoiceId: string) {
      expect((await api.post(`/admin/payments/${(await payment(orderId)).id}/capture`, {}, await admin())).status).toBe(
        200
      )
      await waitForInvoice(
        getContainer(),
        orderId,
        (row) => row.id === invoiceId && row.status === "paid",
        "our invoice to be paid"
      )
    }

    /** What Medusa says it owes the buyer back (its negative pending difference), major units. */
    async function owedToBuyer(orderId: string): Promise<number> {
      const { data } = await api.get(`/admin/orders/${orderId}?fields=summary`, await admin())
      // Medusa keeps sub-minor precision (10.8766125): to the cent.
      return Math.round(-Number(data.order.summary.pending_difference) * 100) / 100
    }

    const notesOf = (stripeInvoiceId: string) =>
      sbx()
        .creditNotes()
        .filter((n) => n.invoice === stripeInvoiceId)
    const sumOf = (values: number[]) => values.reduce((s, v) => s + v, 0)

    /**
     * After returns and refunds: Σ credit notes ≤ invoiced (at Stripe, in our
     * records and the drift report), and the invoice less its credits is
     * Medusa's order total now, to the minor unit — Medusa takes returned
     * goods off the order's total, and a refund made ahead of a return as a
     * price reduction, which the hub credited once (the goods it covered).
     */
    async function assertCreditedBooks(orderId: string, stripeInvoiceId: string) {
      const stripeInvoice = sbx()
        .invoices()
        .find((i) => i.id === stripeInvoiceId)!
      const stripeCredited = sumOf(notesOf(stripeInvoiceId).map((n) => n.amount))
      expect(stripeCredited).toBeLessThanOrEqual(stripeInvoice.total)
      expect(stripeInvoice.pre_payment_credit_notes_amount + stripeInvoice.post_payment_credit_notes_amount).toBe(
        stripeCredited
      )
      const covered = Number(stripeInvoice.metadata.hub_returns_covered_by_refunds_minor ?? 0)
      const orderTotal = (await orderMoneyOf(getContainer(), orderId)).total_minor
      expect(BigInt(stripeInvoice.total - stripeCredited - covered)).toBe(orderTotal)
      // Our records follow Stripe's webhooks (the refunds' notes are recorded from them).
      const drift = await waitFor(
        async () => {
          const { data } = await api.get(`/admin/invoices/drift?order_id=${orderId}`, await admin())
          return data.orders[0]?.credited_minor === stripeCredited ? data.orders[0] : undefined
        },
        10_000,
        "the drift report to count every credit note"
      )
      expect(drift).toMatchObject({
        invoiced_minor: stripeInvoice.total,
        credited_minor: stripeCredited,
        order_total_minor: Number(orderTotal),
      })
      expect(drift.problems).not.toContain("over_credited")
      return { stripeInvoice, stripeCredited }
    }

    it("four partial returns of one 4 × 9.99 line at 8.875 % credit exactly what the invoice billed for it (43.51), tax as the invoice stated it", async () => {
      const { order, stripeInvoice, line } = await placeOrder()
      expect([line.net_minor, line.tax_minor, line.total_minor]).toEqual([3996n, 355n, 4351n])
      const invoiceLine = stripeInvoice.lines.data.find((l) => l.metadata.medusa_line_item_id === line.id)!
      const rateId = invoiceLine.taxes[0].tax_rate_details.tax_rate

      const notes = []
      for (let i = 0; i < 4; i++) {
        // Half way, the buyer pays: the last two credits go to the account balance.
        if (i === 2) {
          sbx().payInvoice(stripeInvoice.id)
          await waitForInvoice(getContainer(), order.id, (row) => row.status === "paid", "our invoice to be paid")
        }
        const { id, row } = await returnUnits(order.id, line.id, 1)
        const note = notesOf(stripeInvoice.id).find((n) => n.metadata.reason_key === id)!
        expect(row.stripe_credit_note_id).toBe(note.id)
        expect(Number(row.amount_minor)).toBe(note.amount)
        expect(row.lines).toEqual([
          {
            line_id: line.id,
            quantity: 1,
            net_minor: "999",
            tax_minor: String(note.total_taxes[0].amount),
            tax_lines: [{ rate: "8.875", code: "STD", amount_minor: String(note.total_taxes[0].amount) }],
          },
        ])
        expect(
          sbx()
            .requests()
            .find(
              (r) =>
                r.path === "/v1/credit_notes" && r.method === "POST" && (r.params.metadata as any)?.reason_key === id
            )?.idempotencyKey
        ).toBe(`cn:${id}:v1`)
        notes.push(note)
      }
      // Each note's tax as Stripe shows it, on the invoice's own tax rate: 0.89, 0.89, 0.89, then the 0.88 left.
      expect(notes.map((n) => [n.amount, n.total_taxes.map((t) => [t.amount, t.tax_rate_details.tax_rate])])).toEqual([
        [1088, [[89, rateId]]],
        [1088, [[89, rateId]]],
        [1088, [[89, rateId]]],
        [1087, [[88, rateId]]],
      ])
      expect(notes[0].lines.data.map((l) => [l.description, l.quantity, l.amount])).toEqual([
        ["Returned: BOLT-999 — Hex Bolt Box", 1, 999],
      ])
      expect(notes.map((n) => n.type)).toEqual(["pre_payment", "pre_payment", "post_payment", "post_payment"])
      expect(notes[0].memo).toContain("10.88 USD reduces the amount due")
      expect(notes[3].memo).toContain("10.87 USD is credited to your account balance")
      // Σ notes = what the invoice billed for the line, to the minor unit (not 4 × 10.88 = 43.52).
      const { stripeCredited } = await assertCreditedBooks(order.id, stripeInvoice.id)
      expect(stripeCredited).toBe(4351)
    })

    it("refund, then return: the return draws on the refund, so the buyer is credited once (and a refund covering the goods leaves no second note)", async () => {
      const { order, invoice, stripeInvoice, line } = await placeOrder()
      await captureAndWaitPaid(order.id, invoice.id)
      const pay = await payment(order.id)

      // A 5.00 refund before the goods come back: an amount-only note, the money returned outside Stripe.
      expect((await api.post(`/admin/payments/${pay.id}/refund`, { amount: 5 }, await admin())).status).toBe(200)
      const refundNote = await waitFor(() => notesOf(stripeInvoice.id)[0], 10_000, "the refund's note")
      expect(refundNote).toMatchObject({ amount: 500, out_of_band_amount: 500, type: "post_payment" })
      expect(refundNote.memo).toMatch(/^Refund ref_\w+ of 5\.00 USD\. 5\.00 USD was refunded outside Stripe\.$/)

      // The unit comes back (10.88): the note credits only the 5.88 the refund did not, to the balance.
      const first = await returnUnits(order.id, line.id, 1)
      const returnNote = notesOf(stripeInvoice.id).find((n) => n.metadata.reason_key === first.id)!
      expect(returnNote).toMatchObject({ amount: 588, type: "post_payment", out_of_band_amount: null })
      expect(
        sumOf(returnNote.lines.data.map((l) => l.amount)) + sumOf(returnNote.total_taxes.map((t) => t.amount))
      ).toBe(588)
      expect(returnNote.memo).toContain("5.00 USD of it was already credited on this invoice (an earlier refund)")
      expect(returnNote.memo).toContain("5.88 USD is credited to your account balance")
      // The goods count as credited in full on the line.
      expect(first.row.lines[0]).toMatchObject({ quantity: 1, net_minor: "999", tax_minor: "89" })

      // Medusa counts the first refund as a price reduction and now owes the unit's full 10.88: covered, no new note.
      expect(await owedToBuyer(order.id)).toBe(10.88)
      expect((await api.post(`/admin/payments/${pay.id}/refund`, { amount: 10.88 }, await admin())).status).toBe(200)
      await new Promise((r) => setTimeout(r, 500))
      expect(notesOf(stripeInvoice.id)).toHaveLength(2)

      // A refund of a whole unit ahead of its return; the return then needs no Stripe note at all.
      expect((await api.post(`/admin/payments/${pay.id}/refund`, { amount: 10.88 }, await admin())).status).toBe(200)
      await waitFor(() => notesOf(stripeInvoice.id).length === 3 || undefined, 10_000, "the second refund's note")
      const second = await returnUnits(order.id, line.id, 1)
      expect(second.row).toMatchObject({ stripe_credit_note_id: NO_STRIPE_NOTE })
      expect(Number(second.row.amount_minor)).toBe(0)
      expect(
        sbx()
          .invoices()
          .find((i) => i.id === stripeInvoice.id)!.metadata
      ).toMatchObject({ hub_returns_covered_by_refunds_minor: "1588" })
      expect(await owedToBuyer(order.id)).toBe(10.88)
      expect((await api.post(`/admin/payments/${pay.id}/refund`, { amount: 10.88 }, await admin())).status).toBe(200)
      await new Promise((r) => setTimeout(r, 500))
      expect(notesOf(stripeInvoice.id)).toHaveLength(3)

      // Credited once: two units' worth in all, 15.88 out of band and 5.88 to the balance.
      const { stripeCredited } = await assertCreditedBooks(order.id, stripeInvoice.id)
      expect(stripeCredited).toBe(2 * 1088)
      expect(sumOf(notesOf(stripeInvoice.id).map((n) => n.out_of_band_amount ?? 0))).toBe(1588)
      expect(
        sbx()
          .customers()
          .find((c) => c.id === stripeInvoice.customer)!.balance
      ).toBe(-588)
      expect((await payment(order.id)).data).toMatchObject({ refunded_minor: "3764" })
    })

    it("return, then refund: the refund Medusa asks for is already credited by the return's note — credited once", async () => {
      const { order, invoice, stripeInvoice, line } = await placeOrder()
      await captureAndWaitPaid(order.id, invoice.id)
      const { id } = await returnUnits(order.id, line.id, 1)
      const returnNote = notesOf(stripeInvoice.id).find((n) => n.metadata.reason_key === id)!
      expect(returnNote).toMatchObject({ amount: 1088, type: "post_payment" })
      expect(returnNote.memo).toBe(
        `Return ${id}: returned goods invoiced at 10.88 USD. 10.88 USD is credited to your account balance.`
      )

      const pay = await payment(order.id)
      expect((await api.post(`/admin/payments/${pay.id}/refund`, { amount: 10.88 }, await admin())).status).toBe(200)
      await new Promise((r) => setTimeout(r, 500))
      expect(notesOf(stripeInvoice.id)).toHaveLength(1)

      const { stripeCredited } = await assertCreditedBooks(order.id, stripeInvoice.id)
      expect(stripeCredited).toBe(1088)
      expect(
        sbx()
          .customers()
          .find((c) => c.id === stripeInvoice.customer)!.balance
      ).toBe(-1088)
      expect((await payment(order.id)).data).toMatchObject({ refunded_minor: "1088" })
    })
  },
})
