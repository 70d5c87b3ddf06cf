import type Stripe from "stripe"
import { startStripeSandbox, StripeSandbox } from "../../../../../integration-tests/sandboxes/stripe"
import { createStripeClient } from "../../../../lib/stripe/client"
import { toStripeAmount } from "../../../../lib/money"
import { orderMoney } from "../../../../lib/orders/order-money"
import { medusaOrder, OrderSpec } from "../../../../lib/orders/__tests__/medusa-orders"
import { buildInvoiceLines } from "../../../../modules/invoicing/lib/invoice-lines"
import { runIssueSequence } from "../../../../modules/invoicing/lib/issue-sequence"
import { creditNoteHubEvent, recordCreditNote } from "../credit-note-record"

/**
 * Credit notes as Stripe's sandbox writes them, recorded in ISO minor units:
 * ISK and UGX are two-decimal amounts at Stripe (5,000 kr is 500000) but
 * zero-decimal in ISO, so a row or payload holding Stripe's figure would be
 * a hundred times the credit.
 */

/** The invoicing module's credit-note methods over an array (what recordCreditNote uses). */
function memoryNotes() {
  const rows: any[] = []
  const match = (row: any, filter: Record<string, unknown>) => Object.entries(filter).every(([k, v]) => row[k] === v)
  return {
    rows,
    listCreditNotes: async (filter: Record<string, unknown>) => rows.filter((r) => match(r, filter)),
    createCreditNotes: async (data: any) => (
      rows.push({ id: `bcn_${rows.length + 1}`, ...data }),
      rows[rows.length - 1]
    ),
    updateCreditNotes: async ({ id, ...data }: any) =>
      Object.assign(
        rows.find((r) => r.id === id),
        data
      ),
  }
}

let sbx: StripeSandbox
let stripe: Stripe
beforeAll(async () => {
  sbx = await startStripeSandbox({ autoDeliverEvents: false })
  stripe = createStripeClient({ apiKey: "sk_test_cn_units", apiBase: sbx.url, maxNetworkRetries: 0, timeoutMs: 2_000 })
})
afterAll(async () => {
  await sbx.close()
})

let n = 0
/** An issued (open) invoice of `spec` on the sandbox, and our record of it. */
async function issued(spec: OrderSpec) {
  const order = medusaOrder(spec, `order_cn${++n}`)
  const { lines, total_minor } = buildInvoiceLines(orderMoney(order))
  const invoice = await runIssueSequence(
    stripe,
    {
      invoice: {
        id: `binv_cn${n}`,
        stripe_invoice_id: null,
        progress: null,
        days_until_due: 30,
        payment_session_id: null,
        contract_id: null,
      },
      order: { id: order.id, display_id: n, currency_code: spec.currency },
      company: { id: `comp_cn${n}`, name: "Credit Co", billing_email: "ap@example.test", stripe_customer_id: null },
      lines,
    },
    { onCustomer: async () => {}, onProgress: async () => {} }
  )
  return {
    stripeInvoice: invoice,
    total_minor,
    record: { id: `binv_cn${n}`, order_id: order.id, currency_code: spec.currency } as any,
  }
}

const ISK: OrderSpec = {
  currency: "isk",
  taxRate: 24,
  secondTaxRate: 0,
  taxInclusive: true,
  items: [{ unit_minor: 5000, quantity: 2, promotion: { type: "none" } }],
  shipping: null,
}

describe("recordCreditNote (Stripe sandbox)", () => {
  it("ISK: a 1,500 kr note (Stripe's 150000) is recorded as 1500, whether our intent was recorded first or not", async () => {
    const { stripeInvoice, total_minor, record } = await issued(ISK)
    expect([total_minor, stripeInvoice.total]).toEqual([10_000n, 1_000_000])
    const amount = Number(toStripeAmount(1500n, "isk").amount)
    const note = await stripe.creditNotes.create({
      invoice: stripeInvoice.id!,
      amount,
      metadata: { reason_key: "return_isk" },
    })
    expect(note.amount).toBe(150_000)

    // Made on Stripe's dashboard (no row of ours): created from the note.
    const fresh = memoryNotes()
    expect(await recordCreditNote(fresh as any, record, note)).toMatchObject({
      reason_key: "return_isk",
      amount_minor: 1500,
      stripe_credit_note_id: note.id,
    })

    // Our intent first (a return's row): Stripe's note completes it in ISO units.
    const intent = memoryNotes()
    await intent.createCreditNotes({
      invoice_id: record.id,
      order_id: record.order_id,
      reason_key: "return_isk",
      amount_minor: 1500,
      stripe_credit_note_id: null,
    })
    expect(await recordCreditNote(intent as any, record, note)).toMatchObject({
      amount_minor: 1500,
      stripe_credit_note_id: note.id,
    })
    expect(intent.rows).toHaveLength(1)
  })

  it("the credit_note.created payload states the note in ISO minor units too", async () => {
    const { stripeInvoice, record } = await issued(ISK)
    const note = await stripe.creditNotes.create({
      invoice: stripeInvoice.id!,
      amount: Number(toStripeAmount(2500n, "isk").amount),
    })
    const { credit_note } = creditNoteHubEvent(note, `stripe:${note.id}`, {
      ...record,
      status: "open",
      total_minor: 10_000,
      amount_due_minor: 7_500,
    }).data as any
    expect(credit_note).toMatchObject({ amount_minor: "2500", pre_payment_minor: "2500", post_payment_minor: "0" })
  })

  it("USD: Stripe's cents are ISO's, recorded unchanged", async () => {
    const { stripeInvoice, record } = await issued({
      ...ISK,
      currency: "usd",
      taxRate: 8.25,
      taxInclusive: false,
      items: [{ unit_minor: 1999, quantity: 3, promotion: { type: "none" } }],
    })
    const note = await stripe.creditNotes.create({ invoice: stripeInvoice.id!, amount: 1234 })
    expect(await recordCreditNote(memoryNotes() as any, record, note)).toMatchObject({ amount_minor: 1234 })
  })
})
