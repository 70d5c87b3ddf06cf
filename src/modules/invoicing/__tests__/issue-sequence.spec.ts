import fc from "fast-check"
import type Stripe from "stripe"
import { startStripeSandbox, StripeSandbox, FaultMode } from "../../../../integration-tests/sandboxes/stripe"
import { createStripeClient } from "../../../lib/stripe/client"
import { lineAmount } from "../lib/invoice-lines"
import { orderMoney } from "../../../lib/orders/order-money"
import { toStripeAmount } from "../../../lib/money"
import { runIssueSequence } from "../lib/issue-sequence"
import { orderSpecArb } from "../../../lib/orders/__tests__/medusa-orders"
import { DEFAULT_ORDER, scenario } from "./issue-scenario"
import { propertyRuns } from "../../../../integration-tests/helpers/property-runs"

/**
 * The issuing sequence against the Stripe sandbox (scenario: an in-memory
 * "database" written by the hooks, as the workflow step writes ours).
 * Recovery from 5xx saved under a key: issue-sequence-recovery.spec.ts.
 */
const DAY = 86_400

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
      ["POST", "/v1/customers", `cus:${s.company.id}:v1`],
      ["POST", "/v1/invoices", `inv:${s.order.id}:create:v1`],
      ["POST", "/v1/invoices/:id/add_lines", `inv:${s.order.id}:lines:0:v1`],
      ["POST", "/v1/invoices/:id/finalize", `inv:${s.order.id}:finalize:v1`],
      ["POST", "/v1/invoices/:id/send", `inv:${s.order.id}:send:v1`],
    ])
    expect(sent).toMatchObject({
      status: "open",
      collection_method: "send_invoice",
      total: Number(s.total_minor),
      currency: "usd",
    })
    expect(sent.due_date! - sent.created).toBe(45 * 86_400) // Stripe counts days_until_due from creation
    expect(sent.custom_fields).toEqual([
      { name: "Order", value: `#${s.n}` },
      { name: "PO number", value: `PO-${s.n}` },
    ])
    expect(sent.metadata).toMatchObject({
      medusa_order_id: s.order.id,
      hub_invoice_id: `binv_seq${s.n}`,
      medusa_payment_session_id: `payses_${s.n}`,
      po_number: `PO-${s.n}`,
    })
    expect(s.db).toEqual({
      customer: sent.customer,
      stripe_invoice_id: sent.id,
      progress: "sent",
      invoice_customer: sent.customer,
      key_epoch: 0,
      key_reason: null,
    })
  })

  it("reuses the company's customer and skips every finished step when run again", async () => {
    const s = scenario()
    await runIssueSequence(stripe, s.input(), s.hooks)
    const before = sbx.requests().length
    await runIssueSequence(stripe, s.input(), s.hooks)
    expect(
      sbx
        .requests()
        .slice(before)
        .map((r) => `${r.method} ${r.path.replace(/in_\w+/, ":id")}`)
    ).toEqual(["GET /v1/invoices/:id"])
  })

  const STEPS: [string, RegExp][] = [
    ["customers.create", /^\/v1\/customers$/],
    ["invoices.create", /^\/v1\/invoices$/],
    ["invoices.addLines", /\/add_lines$/],
    ["invoices.finalizeInvoice", /\/finalize$/],
    ["invoices.sendInvoice", /\/send$/],
  ]
  const MODES: FaultMode[] = ["error500", "timeout", "reset"]
  const CASES = STEPS.flatMap(([step, path]) =>
    MODES.flatMap((mode) => (["before", "after"] as const).map((when) => [step, mode, when, path] as const))
  )

  it.each(CASES)(
    "%s fails (%s, %s): a 500 is recovered within the run, other faults by a retry; one customer, one invoice, each line once",
    async (_step, mode, when, path) => {
      const s = scenario()
      // stripe-node retries a reset connection once by itself: two faults surface it.
      sbx.failNext({ mode, when, method: "POST", path, count: mode === "reset" ? 2 : 1 })
      // A 5xx: the run looks at Stripe and, if the step is not done, repeats it under a fresh key (issue-recovery.ts).
      if (mode === "error500") await runIssueSequence(stripe, s.input(), s.hooks)
      else await expect(runIssueSequence(stripe, s.input(), s.hooks)).rejects.toThrow()
      const sent = await runIssueSequence(stripe, s.input(), s.hooks)
      expect(customersOf(s.company.id)).toHaveLength(1)
      const invoices = invoicesOf(s.order.id)
      expect(invoices).toHaveLength(1)
      expect(invoices[0]).toMatchObject({ id: sent.id, status: "open", total: Number(s.total_minor) })
      expect(invoices[0].lines.data.map((l) => BigInt(l.amount))).toEqual(s.lines.map(lineAmount))
    }
  )

  it("resumes line batches where it stopped (batch 2 of 3 added on Stripe, its answer lost)", async () => {
    const s = scenario()
    const hooks = {
      ...s.hooks,
      onProgress: async (u: Parameters<typeof s.hooks.onProgress>[0]) => {
        await s.hooks.onProgress(u)
        // The answer is lost on the way (a timeout, not a 5xx: the run stops).
        if (u.progress === "lines:1")
          sbx.failNext({ mode: "timeout", when: "after", method: "POST", path: /\/add_lines$/ })
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
    sbx.failNext({ mode: "timeout", when: "after", method: "POST", path: /\/finalize$/ })
    await expect(runIssueSequence(stripe, s.input(), s.hooks, { linesPerBatch: 2 })).rejects.toThrow()
    // Our record knows nothing but the customer (as if its writes were lost).
    Object.assign(s.db, { stripe_invoice_id: null, progress: null })
    const before = sbx.requests().length
    const sent = await runIssueSequence(stripe, s.input(), s.hooks, { linesPerBatch: 2, verifyWithStripe: true })
    const calls = sbx
      .requests()
      .slice(before)
      .map((r) => `${r.method} ${r.path.replace(/in_\w+/, ":id")}`)
    expect(calls).toEqual(["GET /v1/invoices", "POST /v1/invoices/:id/send"])
    expect(invoicesOf(s.order.id)).toHaveLength(1)
    expect(sent.total).toBe(Number(s.total_minor))
  })

  it("with verifyWithStripe after the keys expired, resumes a draft holding more lines than Stripe embeds: counts them through the lines list (no total_count), adds none twice", async () => {
    // 12 items + shipping = 13 lines in batches of 3; Stripe embeds 10 lines and no total_count.
    const items = Array.from({ length: 12 }, (_, i) => ({
      unit_minor: 500 + i * 11,
      quantity: 1 + (i % 3),
      promotion: { type: "none" as const },
    }))
    const s = scenario({ ...DEFAULT_ORDER, items })
    expect(s.lines).toHaveLength(13)
    const hooks = {
      ...s.hooks,
      onProgress: async (u: Parameters<typeof s.hooks.onProgress>[0]) => {
        await s.hooks.onProgress(u)
        // Batch 4 (lines 10–12) reaches Stripe; its answer is lost.
        if (u.progress === "lines:3")
          sbx.failNext({ mode: "timeout", when: "after", method: "POST", path: /\/add_lines$/ })
      },
    }
    await expect(runIssueSequence(stripe, s.input(), hooks, { linesPerBatch: 3 })).rejects.toThrow()
    expect(s.db.progress).toBe("lines:3")
    const draft = await stripe.invoices.retrieve(s.db.stripe_invoice_id!)
    expect([draft.lines.data.length, draft.lines.has_more, "total_count" in draft.lines]).toEqual([10, true, false])
    // A day later Stripe has pruned every key: replaying "lines:3" would add those lines again.
    sbx.advanceClock(DAY)
    const before = sbx.requests().length
    const sent = await runIssueSequence(stripe, s.input(), s.hooks, { linesPerBatch: 3, verifyWithStripe: true })
    const calls = sbx
      .requests()
      .slice(before)
      .map((r) => [`${r.method} ${r.path.replace(/in_\w+/, ":id")}`, r.idempotencyKey])
    expect(calls).toEqual([
      ["GET /v1/invoices/:id", null],
      ["GET /v1/invoices/:id/lines", null], // 12 lines > 10 embedded: counted through the list
      ["POST /v1/invoices/:id/add_lines", `inv:${s.order.id}:lines:4:v1`],
      ["POST /v1/invoices/:id/finalize", `inv:${s.order.id}:finalize:v1`],
      ["POST /v1/invoices/:id/send", `inv:${s.order.id}:send:v1`],
    ])
    const onStripe: bigint[] = []
    for await (const line of stripe.invoices.listLineItems(sent.id!, { limit: 100 })) onStripe.push(BigInt(line.amount))
    expect(onStripe).toEqual(s.lines.map(lineAmount))
    expect(sent).toMatchObject({ status: "open", total: Number(s.total_minor) })
    expect(invoicesOf(s.order.id)).toHaveLength(1)
  })

  it("property: Stripe's invoice total and tax equal Medusa's for random orders with promotions and tax (USD, EUR, JPY, KWD, ISK)", async () => {
    await fc.assert(
      fc.asyncProperty(orderSpecArb(20), async (spec) => {
        const s = scenario(spec)
        const sent = await runIssueSequence(stripe, s.input(), s.hooks)
        const expected = toStripeAmount(orderMoney(s.order).total_minor, spec.currency).amount
        expect(BigInt(sent.total)).toBe(expected)
        expect(BigInt(sent.amount_due)).toBe(expected)
        const stripeTax = (sent.total_taxes ?? []).reduce((sum, t) => sum + BigInt(t.amount), 0n)
        expect(stripeTax).toBe(s.lines.flatMap((l) => l.taxes).reduce((sum, t) => sum + t.amount, 0n))
        expect(sent.currency).toBe(spec.currency)
      }),
      { numRuns: propertyRuns(60), seed: 20261205 }
    )
  })
})
