import Stripe from "stripe"
import { startStripeSandbox, type StripeSandbox } from "../stripe"

/**
 * failNext with the real SDK, retries off (maxNetworkRetries: 0) and a short
 * timeout. Note stripe-node still retries a *closed connection* (ECONNRESET)
 * once on its own, with the same Idempotency-Key — the reset cases show that.
 */
describe("Stripe sandbox — injected failures and idempotent recovery", () => {
  let sbx: StripeSandbox
  let stripe: Stripe

  beforeEach(async () => {
    sbx = await startStripeSandbox()
    stripe = new Stripe("sk_test_sandbox", { ...sbx.stripeClientOptions, maxNetworkRetries: 0, timeout: 300 })
  })
  afterEach(async () => {
    await sbx.close()
  })

  const create = (key: string) => stripe.customers.create({ email: "ap@acme.test" }, { idempotencyKey: key })

  it("error500 before: nothing executes; the retry with the same key runs normally", async () => {
    sbx.failNext({ mode: "error500" })
    await expect(create("c1")).rejects.toMatchObject({ type: "StripeAPIError", statusCode: 500, rawType: "api_error" })
    expect(sbx.customers()).toHaveLength(0)
    const ok = await create("c1")
    expect(ok.lastResponse.headers["idempotent-replayed"]).toBeUndefined()
    expect(sbx.customers().map((c) => c.id)).toEqual([ok.id])
  })

  it("error500 after: the object exists, the answer was lost; the retry replays it", async () => {
    sbx.failNext({ mode: "error500", when: "after" })
    await expect(create("c2")).rejects.toMatchObject({ statusCode: 500 })
    expect(sbx.customers()).toHaveLength(1)
    const retried = await create("c2")
    expect(retried.id).toBe(sbx.customers()[0].id)
    expect(retried.lastResponse.headers["idempotent-replayed"]).toBe("true")
    expect(sbx.customers()).toHaveLength(1)
    expect(sbx.requests().map((r) => [r.status, r.executed, r.fault])).toEqual([
      [500, true, "error500"],
      [200, true, null],
    ])
  })

  it("timeout before: the client gives up, nothing was created, the retry creates exactly one", async () => {
    sbx.failNext({ mode: "timeout" })
    await expect(create("c3")).rejects.toMatchObject({
      type: "StripeConnectionError",
      message: expect.stringMatching(/timeout/i),
    })
    expect(sbx.customers()).toHaveLength(0)
    await create("c3")
    expect(sbx.customers()).toHaveLength(1)
  })

  it("timeout after: created but unanswered; the retry gets the same object replayed", async () => {
    sbx.failNext({ mode: "timeout", when: "after" })
    await expect(create("c4")).rejects.toBeInstanceOf(Stripe.errors.StripeConnectionError)
    const [stored] = sbx.customers()
    const retried = await create("c4")
    expect(retried.id).toBe(stored.id)
    expect(retried.lastResponse.headers["idempotent-replayed"]).toBe("true")
    expect(sbx.customers()).toHaveLength(1)
  })

  it("reset before (once): stripe-node's own reconnect retry succeeds with the same key", async () => {
    sbx.failNext({ mode: "reset" })
    const created = await create("c5")
    expect(sbx.customers().map((c) => c.id)).toEqual([created.id])
    expect(sbx.requests().map((r) => [r.idempotencyKey, r.fault, r.status])).toEqual([
      ["c5", "reset", null],
      ["c5", null, 200],
    ])
  })

  it("reset after (twice): connection error surfaces, one object exists, a later retry replays it", async () => {
    sbx.failNext({ mode: "reset", when: "after", count: 2 })
    await expect(create("c6")).rejects.toMatchObject({ type: "StripeConnectionError" })
    expect(sbx.customers()).toHaveLength(1)
    expect(sbx.callCount({ idempotencyKey: "c6" })).toBe(2) // first try + the SDK's reconnect retry
    const retried = await create("c6")
    expect(retried.id).toBe(sbx.customers()[0].id)
    expect(retried.lastResponse.headers["idempotent-replayed"]).toBe("true")
    expect(sbx.customers()).toHaveLength(1)
  })

  it("targets faults by method and path, and counts them down", async () => {
    const customer = await stripe.customers.create({ email: "x@y.test" })
    const draft = await stripe.invoices.create({
      customer: customer.id,
      collection_method: "send_invoice",
      days_until_due: 30,
    })
    await stripe.invoices.addLines(draft.id, { lines: [{ amount: 100 }] })
    sbx.failNext({ mode: "error500", method: "post", path: /\/finalize$/, count: 2 })
    expect((await stripe.invoices.retrieve(draft.id)).status).toBe("draft") // GET not affected
    await expect(stripe.invoices.finalizeInvoice(draft.id)).rejects.toMatchObject({ statusCode: 500 })
    await expect(stripe.invoices.finalizeInvoice(draft.id)).rejects.toMatchObject({ statusCode: 500 })
    expect((await stripe.invoices.finalizeInvoice(draft.id)).status).toBe("open")
    expect(sbx.callCount({ path: /\/finalize$/ })).toBe(3)
    expect(sbx.callCount({ path: /\/finalize$/, executed: true })).toBe(1)
  })

  it("can be driven over HTTP, and close() releases held 'timeout' sockets", async () => {
    const res = await fetch(`${sbx.url}/_sandbox/fail_next`, {
      method: "POST",
      body: JSON.stringify({ mode: "timeout", path: "^/v1/customers$" }),
    })
    expect(res.status).toBe(200)
    const patient = new Stripe("sk_test_sandbox", { ...sbx.stripeClientOptions, maxNetworkRetries: 0, timeout: 10_000 })
    const pending = patient.customers.create({ email: "slow@acme.test" })
    await new Promise((r) => setTimeout(r, 50))
    await sbx.close()
    await expect(pending).rejects.toBeInstanceOf(Stripe.errors.StripeConnectionError)
  })
})
