import type Stripe from "stripe"
import { startStripeSandbox, StripeSandbox } from "../../../../integration-tests/sandboxes/stripe"
import { createStripeClient } from "../../../lib/stripe/client"
import { lineAmount } from "../lib/invoice-lines"
import { runIssueSequence } from "../lib/issue-sequence"
import { DEFAULT_ORDER, newCompany, scenario } from "./issue-scenario"

/**
 * The company's Stripe customer changes (staff set another one, or re-created
 * it) after an invoice's create call went out for the old one. Retrying under
 * the same key with the new customer is refused by Stripe (idempotency_error:
 * a key only works with the parameters it was first used with), so the
 * invoice's keys move to a new epoch, with the reason recorded, and the retry
 * issues exactly one invoice, to the new customer. The sandbox enforces the
 * parameter matching as Stripe does.
 */
describe("runIssueSequence when the company's Stripe customer changed (key epochs)", () => {
  let sbx: StripeSandbox
  let stripe: Stripe

  beforeAll(async () => {
    sbx = await startStripeSandbox({ autoDeliverEvents: false })
    stripe = createStripeClient({ apiKey: "sk_test_key_epoch", apiBase: sbx.url, maxNetworkRetries: 0, timeoutMs: 400 })
  })
  afterAll(async () => {
    await sbx.close()
  })

  const invoicesOf = (orderId: string) => sbx.invoices().filter((i) => i.metadata.medusa_order_id === orderId)
  const callsSince = (before: number) =>
    sbx
      .requests()
      .slice(before)
      .map((r) => [`${r.method} ${r.path.replace(/in_\w+/, ":id")}`, r.status, r.idempotencyKey])

  /** A scenario whose company already has customer A; `replacement` is the customer B staff will set. */
  async function companyWithTwoCustomers() {
    const company = newCompany()
    const [a, b] = await Promise.all(
      ["a", "b"].map((tag) =>
        stripe.customers.create({
          name: company.name,
          email: `${tag}-${company.billing_email}`,
          metadata: { medusa_company_id: company.id },
        })
      )
    )
    company.stripe_customer_id = a.id
    return { s: scenario(DEFAULT_ORDER, company), a: a.id, b: b.id }
  }

  async function expectIssuedOnceTo(s: ReturnType<typeof scenario>, customer: string) {
    const invoices = invoicesOf(s.order.id)
    expect(invoices.map((i) => [i.customer, i.status, i.total])).toEqual([[customer, "open", Number(s.total_minor)]])
    const lines: bigint[] = []
    for await (const line of stripe.invoices.listLineItems(invoices[0].id, { limit: 100 }))
      lines.push(BigInt(line.amount))
    expect(lines).toEqual(s.lines.map(lineAmount))
  }

  it("the create's answer was lost: the draft for A is deleted, the keys move to epoch 1 with the reason, and the retry issues one invoice to B", async () => {
    const { s, a, b } = await companyWithTwoCustomers()
    sbx.failNext({ mode: "timeout", when: "after", method: "POST", path: /^\/v1\/invoices$/ })
    await expect(runIssueSequence(stripe, s.input(), s.hooks)).rejects.toMatchObject({ type: "StripeConnectionError" })
    // Stored before the call: the record knows whom the lost answer was for.
    expect(s.db).toMatchObject({ invoice_customer: a, stripe_invoice_id: null, key_epoch: 0 })
    expect(invoicesOf(s.order.id).map((i) => [i.customer, i.status])).toEqual([[a, "draft"]])

    s.company.stripe_customer_id = b
    // What the retry must not do: the first key with the new customer.
    const key = `inv:${s.order.id}:create:v1`
    await expect(
      stripe.invoices.create(
        { customer: b, collection_method: "send_invoice", days_until_due: 45 },
        { idempotencyKey: key }
      )
    ).rejects.toMatchObject({
      rawType: "idempotency_error",
      statusCode: 400,
    })

    const before = sbx.requests().length
    const sent = await runIssueSequence(stripe, s.input(), s.hooks)
    expect(callsSince(before)).toEqual([
      ["GET /v1/invoices", 200, null], // A's invoices, for ours
      ["DELETE /v1/invoices/:id", 200, null],
      ["POST /v1/invoices", 200, `inv:${s.order.id}:create:v1:e1`],
      ["POST /v1/invoices/:id/add_lines", 200, `inv:${s.order.id}:lines:0:v1:e1`],
      ["POST /v1/invoices/:id/finalize", 200, `inv:${s.order.id}:finalize:v1:e1`],
      ["POST /v1/invoices/:id/send", 200, `inv:${s.order.id}:send:v1:e1`],
    ])
    expect(s.db).toMatchObject({
      stripe_invoice_id: sent.id,
      progress: "sent",
      invoice_customer: b,
      key_epoch: 1,
      key_reason: `customer changed: ${a} → ${b}`,
    })
    await expectIssuedOnceTo(s, b)
  })

  it("a draft for A is recorded (lines not added yet): it is deleted and the invoice issued to B under epoch 1; a further retry replays nothing", async () => {
    const { s, a, b } = await companyWithTwoCustomers()
    sbx.failNext({ mode: "timeout", when: "before", method: "POST", path: /\/add_lines$/ })
    await expect(runIssueSequence(stripe, s.input(), s.hooks)).rejects.toThrow()
    const draft = s.db.stripe_invoice_id
    expect(s.db).toMatchObject({ invoice_customer: a, progress: "created", key_epoch: 0 })

    s.company.stripe_customer_id = b
    const before = sbx.requests().length
    await runIssueSequence(stripe, s.input(), s.hooks)
    expect(callsSince(before).slice(0, 3)).toEqual([
      [`GET /v1/invoices/:id`, 200, null],
      ["DELETE /v1/invoices/:id", 200, null],
      ["POST /v1/invoices", 200, `inv:${s.order.id}:create:v1:e1`],
    ])
    expect(sbx.invoices().find((i) => i.id === draft)).toBeUndefined()
    expect(s.db).toMatchObject({
      invoice_customer: b,
      key_epoch: 1,
      key_reason: `customer changed: ${a} → ${b}`,
      progress: "sent",
    })
    await expectIssuedOnceTo(s, b)

    const after = sbx.requests().length
    await runIssueSequence(stripe, s.input(), s.hooks)
    expect(callsSince(after)).toEqual([["GET /v1/invoices/:id", 200, null]])
  })

  it("the record never stored whom the create was for (written before that existed): Stripe's idempotency_error moves the keys on, with the reason", async () => {
    const { s, b } = await companyWithTwoCustomers()
    const legacy = { ...s.hooks, beforeCreate: undefined }
    sbx.failNext({ mode: "timeout", when: "after", method: "POST", path: /^\/v1\/invoices$/ })
    await expect(runIssueSequence(stripe, s.input(), legacy)).rejects.toThrow()
    expect(s.db.invoice_customer).toBeNull()

    s.company.stripe_customer_id = b
    const before = sbx.requests().length
    await runIssueSequence(stripe, s.input(), s.hooks)
    expect(callsSince(before).slice(0, 3)).toEqual([
      ["POST /v1/invoices", 400, `inv:${s.order.id}:create:v1`], // first used for A
      ["GET /v1/invoices", 200, null], // B holds none of ours
      ["POST /v1/invoices", 200, `inv:${s.order.id}:create:v1:e1`],
    ])
    expect(s.db).toMatchObject({
      invoice_customer: b,
      key_epoch: 1,
      key_reason: `parameters changed: Stripe refused inv:${s.order.id}:create:v1, first used with other parameters (idempotency_error)`,
    })
    // One invoice to B; nothing names the draft the lost answer made for A, so it stays behind, unsent.
    expect(
      invoicesOf(s.order.id)
        .map((i) => [i.customer === b ? "B" : "A", i.status])
        .sort()
    ).toEqual([
      ["A", "draft"],
      ["B", "open"],
    ])
  })

  it("an invoice already finalized for A is kept: sent to A under its own keys, the epoch unchanged", async () => {
    const { s, a, b } = await companyWithTwoCustomers()
    sbx.failNext({ mode: "timeout", when: "after", method: "POST", path: /\/finalize$/ })
    await expect(runIssueSequence(stripe, s.input(), s.hooks)).rejects.toThrow()
    expect(s.db.progress).toBe("lines:1")

    s.company.stripe_customer_id = b
    const before = sbx.requests().length
    await runIssueSequence(stripe, s.input(), s.hooks)
    expect(callsSince(before)).toEqual([
      ["GET /v1/invoices/:id", 200, null],
      ["POST /v1/invoices/:id/send", 200, `inv:${s.order.id}:send:v1`],
    ])
    expect(s.db).toMatchObject({ invoice_customer: a, key_epoch: 0, key_reason: null, progress: "sent" })
    await expectIssuedOnceTo(s, a)
  })
})
