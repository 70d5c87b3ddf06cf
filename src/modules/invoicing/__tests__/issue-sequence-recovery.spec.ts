import type Stripe from "stripe"
import { startStripeSandbox, StripeSandbox, FaultTiming } from "../../../../integration-tests/sandboxes/stripe"
import { createStripeClient } from "../../../lib/stripe/client"
import { lineAmount } from "../lib/invoice-lines"
import { runIssueSequence } from "../lib/issue-sequence"
import { DEFAULT_ORDER, newCompany, scenario } from "./issue-scenario"

const FRESH = /:r[0-9a-f]{8}$/

/**
 * A 500 Stripe saved under one of the sequence's keys ("during": the endpoint
 * began and failed; every later call with the key gets it replayed for 24 h).
 * The sequence must not depend on the key alone: it looks at what Stripe has
 * and repeats a call under a fresh key only when the step is not done.
 */
describe("runIssueSequence recovers from a Stripe 5xx saved under its key", () => {
  let sbx: StripeSandbox
  let stripe: Stripe

  beforeAll(async () => {
    sbx = await startStripeSandbox({ autoDeliverEvents: false })
    stripe = createStripeClient({ apiKey: "sk_test_recovery", apiBase: sbx.url, maxNetworkRetries: 0, timeoutMs: 400 })
  })
  afterAll(async () => {
    await sbx.close()
  })

  const customersOf = (companyId: string) => sbx.customers().filter((c) => c.metadata.medusa_company_id === companyId)
  const invoicesOf = (orderId: string) => sbx.invoices().filter((i) => i.metadata.medusa_order_id === orderId)
  const callsSince = (before: number) =>
    sbx
      .requests()
      .slice(before)
      .map((r) => [
        `${r.method} ${r.path.replace(/in_\w+/, ":id")}`,
        r.status,
        r.idempotencyKey?.replace(FRESH, ":r*") ?? null,
      ])
  const failCustomerCreate = (when: FaultTiming = "during", mode: "error500" | "timeout" = "error500", count = 1) =>
    sbx.failNext({ mode, when, method: "POST", path: /^\/v1\/customers$/, count })

  async function expectIssuedOnce(s: ReturnType<typeof scenario>) {
    const invoices = invoicesOf(s.order.id)
    expect(invoices.map((i) => [i.status, i.total, i.customer])).toEqual([
      ["open", Number(s.total_minor), s.company.stripe_customer_id],
    ])
    const lines: bigint[] = []
    for await (const line of stripe.invoices.listLineItems(invoices[0].id, { limit: 100 }))
      lines.push(BigInt(line.amount))
    expect(lines).toEqual(s.lines.map(lineAmount))
  }

  it("customer create: no customer exists, so one is created under a fresh key; the saved 500 stays on cus:<company>:v1, the company's next order never calls it", async () => {
    const company = newCompany()
    const first = scenario(DEFAULT_ORDER, company)
    failCustomerCreate()
    const before = sbx.requests().length
    await runIssueSequence(stripe, first.input(), first.hooks)
    expect(callsSince(before).slice(0, 4)).toEqual([
      ["POST /v1/customers", 500, `cus:${company.id}:v1`],
      ["GET /v1/customers", 200, null], // by billing email
      ["POST /v1/customers", 200, `cus:${company.id}:v1:r*`],
      ["POST /v1/invoices", 200, `inv:${first.order.id}:create:v1`],
    ])
    // Stripe keeps answering 500 under the deterministic key.
    const params = {
      name: company.name,
      email: company.billing_email,
      metadata: { medusa_company_id: company.id, erp_account_number: "" },
    }
    await expect(stripe.customers.create(params, { idempotencyKey: `cus:${company.id}:v1` })).rejects.toMatchObject({
      statusCode: 500,
    })

    const second = scenario(DEFAULT_ORDER, company)
    await runIssueSequence(stripe, second.input(), second.hooks)
    expect(customersOf(company.id).map((c) => c.id)).toEqual([company.stripe_customer_id])
    await expectIssuedOnce(first)
    await expectIssuedOnce(second)
  })

  it("customer create: the fresh attempt's answer is lost too (the run fails); the company's next order finds that customer by email and creates none", async () => {
    const company = newCompany()
    const first = scenario(DEFAULT_ORDER, company)
    failCustomerCreate("during")
    failCustomerCreate("after", "timeout") // the fresh create runs, its answer never arrives
    await expect(runIssueSequence(stripe, first.input(), first.hooks)).rejects.toMatchObject({
      type: "StripeConnectionError",
    })
    expect(company.stripe_customer_id).toBeNull()
    const [created] = customersOf(company.id)

    const second = scenario(DEFAULT_ORDER, company)
    const before = sbx.requests().length
    await runIssueSequence(stripe, second.input(), second.hooks)
    expect(callsSince(before).slice(0, 3)).toEqual([
      ["POST /v1/customers", 500, `cus:${company.id}:v1`], // replayed
      ["GET /v1/customers", 200, null],
      ["POST /v1/invoices", 200, `inv:${second.order.id}:create:v1`],
    ])
    expect(company.stripe_customer_id).toBe(created.id)
    await runIssueSequence(stripe, first.input(), first.hooks) // the first order's retry
    expect(customersOf(company.id)).toHaveLength(1)
    await expectIssuedOnce(first)
    await expectIssuedOnce(second)
  })

  it("one recovery per run: when the fresh attempt gets a 500 too the run fails, and the next run recovers under another fresh key", async () => {
    const s = scenario()
    failCustomerCreate("during", "error500", 2)
    await expect(runIssueSequence(stripe, s.input(), s.hooks)).rejects.toMatchObject({ statusCode: 500 })
    await runIssueSequence(stripe, s.input(), s.hooks)
    const keys = sbx
      .requests()
      .filter(
        (r) => r.path === "/v1/customers" && r.method === "POST" && r.idempotencyKey?.startsWith(`cus:${s.company.id}:`)
      )
    expect(keys.map((r) => [r.status, r.replayed])).toEqual([
      [500, false],
      [500, false], // first fresh key
      [500, true], // the deterministic key, replayed
      [200, false], // second fresh key
    ])
    expect(new Set(keys.map((r) => r.idempotencyKey)).size).toBe(3)
    expect(customersOf(s.company.id)).toHaveLength(1)
    await expectIssuedOnce(s)
  })

  it("two orders of a company recovering at once make one customer: look-up and create run under exclusiveForCompany", async () => {
    const company = newCompany()
    const orders = [scenario(DEFAULT_ORDER, company), scenario(DEFAULT_ORDER, company)]
    failCustomerCreate()
    // Both runs wait at the lock before either enters: without it, both would find no customer and create one each.
    let arrived = 0
    let bothArrived!: () => void
    const gate = new Promise<void>((resolve) => (bothArrived = resolve))
    let tail: Promise<unknown> = Promise.resolve()
    const exclusiveForCompany = async <T>(job: () => Promise<T>): Promise<T> => {
      if (++arrived === 2) bothArrived()
      await gate
      const run = tail.then(job)
      tail = run.catch(() => undefined)
      return await run
    }
    await Promise.all(orders.map((s) => runIssueSequence(stripe, s.input(), { ...s.hooks, exclusiveForCompany })))
    expect(arrived).toBe(2)
    expect(customersOf(company.id)).toHaveLength(1)
    for (const s of orders) await expectIssuedOnce(s)
  })

  const INVOICE_STEPS: [string, FaultTiming, RegExp, boolean][] = [
    // step, timing, path, whether the step must run again under a fresh key
    ["invoices.create", "during", /^\/v1\/invoices$/, true],
    ["invoices.create", "after", /^\/v1\/invoices$/, false],
    ["invoices.addLines", "during", /\/add_lines$/, true],
    ["invoices.addLines", "after", /\/add_lines$/, false],
    ["invoices.finalizeInvoice", "during", /\/finalize$/, true],
    ["invoices.finalizeInvoice", "after", /\/finalize$/, false],
    ["invoices.sendInvoice", "during", /\/send$/, true],
  ]

  it.each(INVOICE_STEPS)(
    "%s answers 500 (%s): issued in the same run, one invoice, each line once",
    async (_step, when, path, repeats) => {
      const s = scenario()
      sbx.failNext({ mode: "error500", when, method: "POST", path })
      const before = sbx.requests().length
      // Batches of 2: a failing addLines is the first batch, the others go on under their own keys.
      const sent = await runIssueSequence(stripe, s.input(), s.hooks, { linesPerBatch: 2 })
      const posts = sbx
        .requests()
        .slice(before)
        .filter((r) => r.method === "POST")
      // "after": Stripe did the step (the 500 came later), so it is found, never repeated.
      expect(
        posts.filter((r) => FRESH.test(r.idempotencyKey ?? "")).map((r) => r.path.replace(/in_\w+/, ":id"))
      ).toEqual(repeats ? [posts.find((r) => path.test(r.path))!.path.replace(/in_\w+/, ":id")] : [])
      // Each step ran on Stripe exactly once (replays and the failed "during" call did nothing).
      const ran = (re: RegExp) => posts.filter((r) => re.test(r.path) && r.executed && !r.replayed).length
      expect([
        ran(/^\/v1\/customers$/),
        ran(/^\/v1\/invoices$/),
        ran(/add_lines$/),
        ran(/finalize$/),
        ran(/send$/),
      ]).toEqual([1, 1, Math.ceil(s.lines.length / 2), 1, 1])
      expect(s.db).toMatchObject({ progress: "sent", stripe_invoice_id: sent.id })
      await expectIssuedOnce(s)
    }
  )
})
