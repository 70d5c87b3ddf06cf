import fc from "fast-check"
import type Stripe from "stripe"
import { startStripeSandbox, StripeSandbox, FaultMode } from "../../../../integration-tests/sandboxes/stripe"
import { createStripeClient } from "../../../lib/stripe/client"
import { buildInvoiceLines, lineAmount } from "../lib/invoice-lines"
import { IssueSequenceInput, runIssueSequence } from "../lib/issue-sequence"
import { expectedTotalMinor, medusaLikeOrder, OrderSpec, orderSpecArb } from "./medusa-like-order"

/**
 * The issuing sequence against the Stripe sandbox, with the hooks writing to
 * an in-memory "database" the way the workflow step writes to ours: what a
 * retry sees is exactly what the failed run managed to record.
 */
type Db = { customer: string | null; stripe_invoice_id: string | null; progress: string | null }

let seq = 0
function scenario(orderSpec: OrderSpec = { currency: "usd", items: [{ unit_minor: 1000, quantity: 3, discount_permille: 0 }, { unit_minor: 350, quantity: 100, discount_permille: 100 }, { unit_minor: 99, quantity: 7, discount_permille: 0 }], shipping_minor: 2500, shipping_discount_permille: 0, tax_rate_bp: 825 }) {
  const n = ++seq
  const order = medusaLikeOrder(orderSpec, `order_seq${n}`)
  const { lines, total_minor } = buildInvoiceLines(order)
  const db: Db = { customer: null, stripe_invoice_id: null, progress: null }
  const input = (): IssueSequenceInput => ({
    invoice: { id: `binv_seq${n}`, stripe_invoice_id: db.stripe_invoice_id, progress: db.progress, days_until_due: 45, payment_session_id: `payses_${n}`, contract_id: "ctr_1" },
    order: { id: order.id, display_id: n, currency_code: order.currency_code, po_number: `PO-${n}` },
    company: { id: `comp_seq${n}`, name: `Company ${n}`, billing_email: `ap${n}@example.test`, erp_account_number: null, stripe_customer_id: db.customer },
    lines,
  })
  const hooks = {
    onCustomer: async (id: string) => void (db.customer = id),
    onProgress: async (u: { progress: string; stripe_invoice_id: string }) => void Object.assign(db, { progress: u.progress, stripe_invoice_id: u.stripe_invoice_id }),
  }
  return { n, order, lines, total_minor, db, input, hooks }
}

describe("runIssueSequence (Stripe sandbox)", () => {
  let sbx: StripeSandbox
  let stripe: Stripe

  beforeAll(async () => {
    sbx = await startStripeSandbox({ autoDeliverEvents: false })
    stripe = createStripeClient({ apiKey: "sk_test_seq", apiBase: sbx.url, maxNetworkRetries: 0, timeoutMs: 400 })
  })
  afterAll(async () => {
    await sbx.close()
  })

  const invoicesOf = (orderId: string) => sbx.invoices().filter((i) => i.metadata.medusa_order_id === orderId)
  const customersOf = (companyId: string) => sbx.customers().filter((c) => c.metadata.medusa_company_id === companyId)

  it("issues one send_invoice invoice on the contract's terms, every POST under its deterministic key", async () => {
    const s = scenario()
    const before = sbx.requests().length
    const sent = await runIssueSequence(stripe, s.input(), s.hooks)
    const calls = sbx.requests().slice(before)
    expect(calls.map((r) => [r.method, r.path.replace(/in_\w+/, ":id"), r.idempotencyKey])).toEqual([
      ["POST", "/v1/customers", `cus:comp_seq${s.n}:v1`],
      ["POST", "/v1/invoices", `inv:${s.order.id}:create:v1`],
      ["POST", "/v1/invoices/:id/add_lines", `inv:${s.order.id}:lines:0:v1`],
      ["POST", "/v1/invoices/:id/finalize", `inv:${s.order.id}:finalize:v1`],
      ["POST", "/v1/invoices/:id/send", `inv:${s.order.id}:send:v1`],
    ])
    expect(sent).toMatchObject({ status: "open", collection_method: "send_invoice", total: Number(s.total_minor), currency: "usd" })
    expect(sent.due_date! - sent.status_transitions!.finalized_at!).toBe(45 * 86_400)
    expect(sent.custom_fields).toEqual([{ name: "Order", value: `#${s.n}` }, { name: "PO number", value: `PO-${s.n}` }])
    expect(sent.metadata).toMatchObject({ medusa_order_id: s.order.id, hub_invoice_id: `binv_seq${s.n}`, medusa_payment_session_id: `payses_${s.n}`, po_number: `PO-${s.n}` })
    expect(s.db).toEqual({ customer: sent.customer, stripe_invoice_id: sent.id, progress: "sent" })
  })

  it("reuses the company's customer and skips every finished step when run again", async () => {
    const s = scenario()
    await runIssueSequence(stripe, s.input(), s.hooks)
    const before = sbx.requests().length
    await runIssueSequence(stripe, s.input(), s.hooks)
    expect(sbx.requests().slice(before).map((r) => `${r.method} ${r.path.replace(/in_\w+/, ":id")}`)).toEqual(["GET /v1/invoices/:id"])
  })

  const STEPS: [string, RegExp][] = [
    ["customers.create", /^\/v1\/customers$/],
    ["invoices.create", /^\/v1\/invoices$/],
    ["invoices.addLines", /\/add_lines$/],
    ["invoices.finalizeInvoice", /\/finalize$/],
    ["invoices.sendInvoice", /\/send$/],
  ]
  const MODES: FaultMode[] = ["error500", "timeout", "reset"]
  const CASES = STEPS.flatMap(([step, path]) => MODES.flatMap((mode) => (["before", "after"] as const).map((when) => [step, mode, when, path] as const)))

  it.each(CASES)("%s fails (%s, %s): the run stops, a retry completes with one customer, one invoice, each line once", async (_step, mode, when, path) => {
    const s = scenario()
    // stripe-node retries a reset connection once by itself: two faults surface it.
    sbx.failNext({ mode, when, method: "POST", path, count: mode === "reset" ? 2 : 1 })
    await expect(runIssueSequence(stripe, s.input(), s.hooks)).rejects.toThrow()
    const sent = await runIssueSequence(stripe, s.input(), s.hooks)
    expect(customersOf(`comp_seq${s.n}`)).toHaveLength(1)
    const invoices = invoicesOf(s.order.id)
    expect(invoices).toHaveLength(1)
    expect(invoices[0]).toMatchObject({ id: sent.id, status: "open", total: Number(s.total_minor) })
    expect(invoices[0].lines.data.map((l) => BigInt(l.amount))).toEqual(s.lines.map(lineAmount))
  })

  it("resumes line batches where it stopped (batch 2 of 3 added on Stripe, its answer lost)", async () => {
    const s = scenario()
    const hooks = {
      ...s.hooks,
      onProgress: async (u: { progress: string; stripe_invoice_id: string }) => {
        await s.hooks.onProgress(u)
        if (u.progress === "lines:1") sbx.failNext({ mode: "error500", when: "after", method: "POST", path: /\/add_lines$/ })
      },
    }
    await expect(runIssueSequence(stripe, s.input(), hooks, { linesPerBatch: 2 })).rejects.toThrow()
    expect(s.db.progress).toBe("lines:1")
    expect(invoicesOf(s.order.id)[0].lines.data).toHaveLength(4) // Stripe has batch 2 already
    const before = sbx.requests().length
    const sent = await runIssueSequence(stripe, s.input(), s.hooks, { linesPerBatch: 2 })
    const retried = sbx.requests().slice(before)
    expect(retried.map((r) => [r.idempotencyKey, r.replayed])).toEqual([
      [`inv:${s.order.id}:lines:1:v1`, true],
      [`inv:${s.order.id}:lines:2:v1`, false],
      [`inv:${s.order.id}:finalize:v1`, false],
      [`inv:${s.order.id}:send:v1`, false],
    ])
    expect(invoicesOf(s.order.id)).toHaveLength(1)
    expect(sent.lines!.data.map((l) => BigInt(l.amount))).toEqual(s.lines.map(lineAmount))
  })

  it("with verifyWithStripe, finds the invoice and its lines on Stripe when our record lost them (keys expired)", async () => {
    const s = scenario()
    sbx.failNext({ mode: "error500", when: "after", method: "POST", path: /\/finalize$/ })
    await expect(runIssueSequence(stripe, s.input(), s.hooks, { linesPerBatch: 2 })).rejects.toThrow()
    // Our record knows nothing but the customer (as if its writes were lost).
    Object.assign(s.db, { stripe_invoice_id: null, progress: null })
    const before = sbx.requests().length
    const sent = await runIssueSequence(stripe, s.input(), s.hooks, { linesPerBatch: 2, verifyWithStripe: true })
    const calls = sbx.requests().slice(before).map((r) => `${r.method} ${r.path.replace(/in_\w+/, ":id")}`)
    expect(calls).toEqual(["GET /v1/invoices", "POST /v1/invoices/:id/send"])
    expect(invoicesOf(s.order.id)).toHaveLength(1)
    expect(sent.total).toBe(Number(s.total_minor))
  })

  it("property: Stripe's invoice total equals Medusa's order total for random contract-priced orders (JPY, USD, KWD)", async () => {
    await fc.assert(
      fc.asyncProperty(orderSpecArb(20), async (spec) => {
        const s = scenario(spec)
        const sent = await runIssueSequence(stripe, s.input(), s.hooks)
        expect(BigInt(sent.total)).toBe(expectedTotalMinor(s.order))
        expect(BigInt(sent.amount_due)).toBe(expectedTotalMinor(s.order) < 0n ? 0n : expectedTotalMinor(s.order))
        expect(sent.currency).toBe(spec.currency)
      }),
      { numRuns: 60 }
    )
  })
})
