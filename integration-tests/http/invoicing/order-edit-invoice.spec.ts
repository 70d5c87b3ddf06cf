import { medusaIntegrationTestRunner } from "@medusajs/test-utils"
import { NET_TERMS_PROVIDER_ID } from "../../../src/modules/providers/net-terms/constants"
import { B2B_MODULE } from "../../../src/modules/b2b"
import { waitFor } from "../../helpers/store-client"
import {
  adminHeaders,
  assertBooksAgree,
  executionsPerKey,
  freshBuyer,
  hubEventsOf,
  invoicesOfOrder,
  invoicing,
  netTermsWebhookUrl,
  orderMoneyOf,
  totalMinor,
  useMerchant,
  useStripeSandbox,
  waitForInvoices,
} from "./helpers"

jest.setTimeout(180_000)

// An injected Stripe failure must surface on the first run: no SDK retries.
const sbx = useStripeSandbox("order-edit-invoice", [41_930, 41_939], { STRIPE_MAX_NETWORK_RETRIES: "0" })

/**
 * The invoice follows the order after placement (issue 10), through the real
 * store checkout and Medusa's admin order-edit API: before payment an edit
 * voids the open invoice and reissues one for the whole order (the buyer
 * sees one open invoice); after payment an increase is a supplementary
 * invoice and a decrease a credit note. After every change: the Stripe
 * invoices less the credit notes = the order's total = the ERP document's
 * total, to the minor unit; Σ credit notes ≤ Σ invoiced; and Medusa has
 * captured exactly what Stripe collected.
 */
medusaIntegrationTestRunner({
  testSuite: ({ api, getContainer }) => {
    const commerce = useMerchant(api, getContainer, sbx)
    const admin = async () => ({ headers: await adminHeaders(getContainer()) })

    /** A fresh company orders 3 kits and 40 gloves on Net 30; resolves once its invoice is issued. */
    async function placeOrder() {
      const buyer = await freshBuyer(getContainer(), api.defaults.baseURL!, commerce().publishable_key, {
        credit_limit_minor: 1_000_000,
      })
      const [kit, gloves] = commerce().variants
      const cart = await buyer.store.createCart({
        region_id: commerce().region_id,
        items: [
          { variant_id: kit.id, quantity: 3 },
          { variant_id: gloves.id, quantity: 40 },
        ],
      })
      const order = await buyer.store.checkout(cart.id, { providerId: NET_TERMS_PROVIDER_ID, poNumber: "PO-EDIT" })
      const [invoice] = await waitForInvoices(
        getContainer(),
        order.id,
        (rows) => rows[0]?.progress === "sent",
        "the invoice to be issued"
      )
      await waitFor(
        async () => (await hubEventsOf(getContainer(), invoice.id)).some((e) => e.type === "invoice.issued"),
        20_000,
        "invoice.issued"
      )
      return { buyer, order, invoice }
    }

    /** Medusa's order edit over the admin API: begin, set a line's quantity, request, confirm. */
    async function editQuantity(orderId: string, sku: string, quantity: number): Promise<string> {
      const begun = await api.post(
        "/admin/order-edits",
        { order_id: orderId, description: "Buyer changed the order" },
        await admin()
      )
      const changeId = begun.data.order_change.id
      const { data } = await api.get(`/admin/orders/${orderId}?fields=id,*items`, await admin())
      const line = data.order.items.find((i: any) => i.variant_sku === sku)
      expect(
        (await api.post(`/admin/order-edits/${orderId}/items/item/${line.id}`, { quantity }, await admin())).status
      ).toBe(200)
      expect((await api.post(`/admin/order-edits/${orderId}/request`, {}, await admin())).status).toBe(200)
      expect((await api.post(`/admin/order-edits/${orderId}/confirm`, {}, await admin())).status).toBe(200)
      return changeId
    }

    /** The order's total in minor units, from Medusa's admin API and from the hub's money model (they must agree). */
    async function orderTotal(orderId: string): Promise<number> {
      const { data } = await api.get(`/admin/orders/${orderId}?fields=id,total`, await admin())
      const model = Number((await orderMoneyOf(getContainer(), orderId)).total_minor)
      expect(model).toBe(totalMinor(data.order.total, 2))
      return model
    }

    const stripeInvoicesOf = (orderId: string) =>
      sbx()
        .invoices()
        .filter((i) => i.metadata.medusa_order_id === orderId)
    const stripeNotesOf = (orderId: string) => {
      const ids = new Set(stripeInvoicesOf(orderId).map((i) => i.id))
      return sbx()
        .creditNotes()
        .filter((n) => ids.has(n.invoice))
    }
    const sum = (values: number[]) => values.reduce((s, v) => s + v, 0)

    /** Medusa's captures on the order, in minor units. */
    async function capturedMinor(orderId: string): Promise<number> {
      const { data } = await api.get(
        `/admin/orders/${orderId}?fields=id,payment_collections.payments.captures.amount`,
        await admin()
      )
      const captures = data.order.payment_collections.flatMap((pc: any) =>
        pc.payments.flatMap((p: any) => p.captures ?? [])
      )
      return Math.round(sum(captures.map((c: any) => Number(c.amount))) * 100)
    }

    /** What Stripe collected for the order: Σ amount_paid of its invoices. */
    const collectedMinor = (orderId: string) => sum(stripeInvoicesOf(orderId).map((i) => i.amount_paid))

    /**
     * The books agree: Stripe's live invoices less its credit notes = the
     * order total = our records = the ERP document; credit ≤ invoiced.
     */
    async function expectBooksAgree(orderId: string) {
      const total = await orderTotal(orderId)
      const live = stripeInvoicesOf(orderId).filter((i) => i.status !== "void")
      const invoiced = sum(live.map((i) => i.total))
      const credited = sum(stripeNotesOf(orderId).map((n) => n.amount))
      await assertBooksAgree(getContainer(), orderId, { currency: "usd", total: invoiced - credited })
      expect(credited).toBeLessThanOrEqual(invoiced)
      const records = (await invoicesOfOrder(getContainer(), orderId)).filter((r) => r.status !== "void")
      expect(records.map((r) => [r.stripe_invoice_id, Number(r.total_minor)]).sort()).toEqual(
        live.map((i) => [i.id, i.total]).sort()
      )
      const notes = await invoicing(getContainer()).listCreditNotes({ order_id: orderId })
      expect(sum(notes.map((n: any) => Number(n.amount_minor)))).toBe(credited)
      return { total, invoiced, credited }
    }

    /** Every edit hold of the order (reserved at confirmation for an increase) is released once an invoice carries it. */
    async function expectEditHoldsReleased(orderId: string) {
      const holds = await (getContainer().resolve(B2B_MODULE) as any).listCreditHolds({ order_id: orderId })
      const edits = holds.filter((h: any) => h.reference.startsWith("order-edit:"))
      for (const hold of edits) expect(hold).toMatchObject({ release_reason: "invoiced" })
      return edits.length
    }

    const eventTypes = async (invoiceId: string) => (await hubEventsOf(getContainer(), invoiceId)).map((e) => e.type)

    it("before payment: an edit up and an edit down each void the open invoice and reissue one for the whole order; paying it captures what Stripe collected", async () => {
      const { order, invoice: first } = await placeOrder()
      const placedTotal = await orderTotal(order.id)
      expect(Number(first.total_minor)).toBe(placedTotal)

      // Up: 3 → 5 kits. The open invoice is voided, a reissue bills the whole order.
      await editQuantity(order.id, "FAST-KIT-100", 5)
      const [v1, r2] = await waitForInvoices(
        getContainer(),
        order.id,
        (rows) => rows.length === 2 && rows[0].status === "void" && rows[1].progress === "sent",
        "the reissue"
      )
      expect(r2).toMatchObject({
        kind: "reissue",
        sequence: 2,
        replaces_invoice_id: v1.id,
        status: "open",
        payment_terms: first.payment_terms,
      })
      const up = await expectBooksAgree(order.id)
      expect(up.total).toBeGreaterThan(placedTotal)
      expect(stripeInvoicesOf(order.id).map((i) => [i.id, i.status])).toEqual([
        [v1.stripe_invoice_id, "void"],
        [r2.stripe_invoice_id, "open"],
      ])
      const reissued = stripeInvoicesOf(order.id)[1]
      expect(reissued.custom_fields).toEqual(
        expect.arrayContaining([{ name: "Replaces invoice", value: first.number }])
      )
      expect(reissued.metadata).toMatchObject({
        hub_invoice_id: r2.id,
        hub_invoice_kind: "reissue",
        medusa_payment_session_id: r2.payment_session_id,
      })
      expect(r2.payment_session_id).toBeTruthy()

      // Down: 40 → 10 gloves, and Stripe refuses the reissue's creation: the
      // record waits with the error, the reconcile job finishes it.
      // Twice: the run repeats a 5xx once under a fresh key before it gives up.
      sbx().failNext({ mode: "error500", method: "POST", path: /^\/v1\/invoices$/, count: 2 })
      await editQuantity(order.id, "GLOVE-L", 10)
      const [, , failed] = await waitForInvoices(
        getContainer(),
        order.id,
        (r) => r.length === 3 && r[1].status === "void" && !!r[2].last_error,
        "the second reissue to fail"
      )
      expect(failed).toMatchObject({ kind: "reissue", sequence: 3, status: "pending" })
      const { data: reconciled } = await api.post(
        `/admin/invoices/reconcile`,
        { invoice_ids: [failed.id] },
        await admin()
      )
      expect(reconciled.report.retried).toEqual([
        expect.objectContaining({ invoice_id: failed.id, ok: true, status: "open" }),
      ])
      const rows = await waitForInvoices(
        getContainer(),
        order.id,
        (r) => r[2].progress === "sent",
        "the second reissue"
      )
      const r3 = rows[2]
      expect(r3).toMatchObject({ kind: "reissue", sequence: 3, replaces_invoice_id: r2.id, status: "open" })
      const down = await expectBooksAgree(order.id)
      expect(down.total).toBeLessThan(up.total)
      expect(
        stripeInvoicesOf(order.id)
          .filter((i) => i.status === "open")
          .map((i) => i.id)
      ).toEqual([r3.stripe_invoice_id])
      expect(await expectEditHoldsReleased(order.id)).toBeGreaterThanOrEqual(0)

      // Keys versioned by sequence, each executed once; the voids under each invoice's own key.
      expect(executionsPerKey(sbx(), `inv:${order.id}:create`)).toEqual({
        [`inv:${order.id}:create:v1`]: 1,
        [`inv:${order.id}:create:v2`]: 1,
        [`inv:${order.id}:create:v3`]: 1,
      })
      expect(executionsPerKey(sbx(), `inv:${order.id}:void`)).toEqual({
        [`inv:${order.id}:void:v1`]: 1,
        [`inv:${order.id}:void:v2`]: 1,
      })
      await waitFor(
        async () => (await eventTypes(r2.id)).includes("invoice.voided"),
        20_000,
        "invoice.voided of the first reissue"
      )
      expect(await eventTypes(v1.id)).toEqual(expect.arrayContaining(["invoice.issued", "invoice.voided"]))
      expect(await eventTypes(r3.id)).toContain("invoice.issued")

      // The buyer pays the one open invoice: Medusa captures exactly that.
      sbx().payInvoice(r3.stripe_invoice_id)
      await waitFor(
        async () => (await capturedMinor(order.id)) === collectedMinor(order.id),
        20_000,
        "Medusa to capture what Stripe collected"
      )
      expect(collectedMinor(order.id)).toBe(down.total)
      await waitForInvoices(getContainer(), order.id, (r) => r[2].status === "paid", "our record to be paid")
      // Medusa updates the collection's captured amount just after the capture row: wait for the order's status.
      const paymentStatus = async () =>
        (await api.get(`/admin/orders/${order.id}?fields=id,payment_status`, await admin())).data.order.payment_status
      await waitFor(async () => (await paymentStatus()) === "captured", 10_000, "the order to show captured")
    })

    it("after payment: an increase is a supplementary invoice (captured when paid), a decrease a credit note on what was invoiced", async () => {
      const { order, invoice: first } = await placeOrder()
      const placedTotal = await orderTotal(order.id)
      sbx().payInvoice(first.stripe_invoice_id)
      await waitFor(
        async () => (await capturedMinor(order.id)) === placedTotal,
        20_000,
        "the first invoice's payment to be captured"
      )
      await waitForInvoices(getContainer(), order.id, (r) => r[0].status === "paid", "our record to be paid")

      // Up: 3 → 5 kits. The paid invoice stays; the difference is billed on its own.
      await editQuantity(order.id, "FAST-KIT-100", 5)
      const [paid, s2] = await waitForInvoices(
        getContainer(),
        order.id,
        (rows) => rows.length === 2 && rows[1].progress === "sent",
        "the supplementary invoice"
      )
      expect(paid).toMatchObject({ status: "paid", sequence: 1 })
      expect(s2).toMatchObject({ kind: "supplementary", sequence: 2, replaces_invoice_id: null, status: "open" })
      const up = await expectBooksAgree(order.id)
      expect(Number(s2.total_minor)).toBe(up.total - placedTotal)
      const supplementary = stripeInvoicesOf(order.id).find((i) => i.id === s2.stripe_invoice_id)!
      expect(supplementary.lines.data.map((l) => [l.description, l.quantity, l.amount])).toEqual([
        ["FAST-KIT-100 — Industrial Fastener Kit", 2, 2500],
      ])
      expect(supplementary.total - supplementary.subtotal).toBe(supplementary.total - 2500) // its tax, as Medusa computed it
      expect(supplementary.custom_fields).toEqual(
        expect.arrayContaining([{ name: "Supplements invoice", value: first.number }])
      )
      expect(supplementary.metadata).toMatchObject({
        hub_invoice_kind: "supplementary",
        medusa_capture_max_minor: String(up.total - placedTotal),
        medusa_payment_session_id: s2.payment_session_id,
      })
      expect(await expectEditHoldsReleased(order.id)).toBeGreaterThanOrEqual(0)

      sbx().payInvoice(s2.stripe_invoice_id)
      await waitFor(
        async () => (await capturedMinor(order.id)) === collectedMinor(order.id),
        20_000,
        "Medusa to capture the supplementary invoice"
      )
      expect(collectedMinor(order.id)).toBe(up.total)

      // Down: 40 → 10 gloves, all billed on the first invoice: credited there, to the company's balance.
      const changeId = await editQuantity(order.id, "GLOVE-L", 10)
      const note = await waitFor(
        () => stripeNotesOf(order.id).find((n) => n.metadata.reason_key === `edit:${changeId}`),
        20_000,
        "the edit's credit note"
      )
      const down = await expectBooksAgree(order.id)
      expect(note).toMatchObject({
        invoice: first.stripe_invoice_id,
        amount: up.total - down.total,
        type: "post_payment",
        reason: "order_change",
      })
      expect(
        sbx()
          .customers()
          .find((c) => c.id === supplementary.customer)!.balance
      ).toBe(-(up.total - down.total))
      const [row] = await invoicing(getContainer()).listCreditNotes({ reason_key: `edit:${changeId}` })
      expect(row).toMatchObject({ invoice_id: first.id, stripe_credit_note_id: note.id })
      expect(row.lines).toEqual([
        { line_id: expect.any(String), quantity: 30, net_minor: "12600", tax_minor: expect.any(String) },
      ])
      expect(Number(row.lines[0].net_minor) + Number(row.lines[0].tax_minor)).toBe(note.amount)
      expect(
        sbx()
          .requests()
          .filter((r) => r.path === "/v1/credit_notes" && r.method === "POST")
          .map((r) => r.idempotencyKey)
      ).toContain(`cn:edit:${changeId}:v1`)
      await waitFor(
        async () => (await eventTypes(first.id)).includes("credit_note.created"),
        20_000,
        "credit_note.created"
      )

      // Nothing more was collected or captured: the decrease is a credit, not a refund.
      expect(await capturedMinor(order.id)).toBe(collectedMinor(order.id))
      expect(stripeInvoicesOf(order.id).map((i) => i.status)).toEqual(["paid", "paid"])
    })

    it("an invoice paid while the order was being edited is not replaced: Medusa records what it collected (not the edited total), the increase is billed on a supplementary invoice", async () => {
      const { order, invoice: first } = await placeOrder()
      const placedTotal = await orderTotal(order.id)
      // The buyer pays; the webhooks are late, so the hub still thinks the invoice is open when the edit comes.
      sbx().setWebhookUrl(undefined)
      try {
        sbx().payInvoice(first.stripe_invoice_id)
      } finally {
        sbx().setWebhookUrl(netTermsWebhookUrl(api))
      }
      const late = sbx()
        .events()
        .filter((e) => (e.event.data.object as any).id === first.stripe_invoice_id && e.event.type === "invoice.paid")
      expect((await invoicesOfOrder(getContainer(), order.id))[0].status).toBe("open")

      // Medusa cancels the authorized payment and opens a collection for the whole edited total.
      await editQuantity(order.id, "GLOVE-L", 60)
      const [paid, s2] = await waitForInvoices(
        getContainer(),
        order.id,
        (rows) => rows.length === 2 && rows[1].progress === "sent",
        "the supplementary invoice"
      )
      expect(paid).toMatchObject({ status: "paid", sequence: 1 })
      expect(s2).toMatchObject({ kind: "supplementary", sequence: 2 })
      expect(executionsPerKey(sbx(), `inv:${order.id}:void`)).toEqual({})
      const up = await expectBooksAgree(order.id)

      // The late invoice.paid arrives: Medusa records the first invoice's money, not the edited total.
      for (const e of late) await sbx().resendEvent(e.event.id)
      await waitFor(
        async () => (await capturedMinor(order.id)) === placedTotal,
        20_000,
        "the first invoice's money on the new collection"
      )
      sbx().payInvoice(s2.stripe_invoice_id)
      await waitFor(
        async () => (await capturedMinor(order.id)) === up.total,
        20_000,
        "the supplementary invoice's money"
      )
      expect(collectedMinor(order.id)).toBe(up.total)
      await new Promise((r) => setTimeout(r, 1000)) // a second capture would show now
      expect(await capturedMinor(order.id)).toBe(collectedMinor(order.id))
    })
  },
})
