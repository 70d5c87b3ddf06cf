import Stripe from "stripe"
import { startPartnerReceiver, type PartnerReceiver } from "../partner"
import { API_VERSION, startStripeSandbox, type StripeSandbox } from "../stripe"

/** Webhook delivery, verified with the SDK's own constructEvent. */
describe("Stripe sandbox — signed webhook events", () => {
  let rx: PartnerReceiver
  let sbx: StripeSandbox
  let stripe: Stripe

  const start = async (opts: { autoDeliverEvents?: boolean; webhookTimeoutMs?: number } = {}) => {
    sbx = await startStripeSandbox({
      webhookUrl: `${rx.url}/hooks/stripe`,
      webhookRetryDelaysMs: [10, 10, 10],
      ...opts,
    })
    stripe = new Stripe("sk_test_sandbox", { ...sbx.stripeClientOptions, maxNetworkRetries: 0 })
  }
  const verify = (body: string, header: string | string[] | undefined) =>
    stripe.webhooks.constructEvent(body, String(header), sbx.webhookSecret)

  beforeEach(async () => {
    rx = await startPartnerReceiver()
  })
  afterEach(async () => {
    await sbx?.close()
    await rx.close()
  })

  it("delivers events asynchronously with a Stripe-Signature that constructEvent accepts", async () => {
    await start()
    expect(sbx.webhookSecret).toMatch(/^whsec_/)
    const customer = await stripe.customers.create({ email: "ap@acme.test" }, { idempotencyKey: "cus:acme" })
    await rx.waitForCount(1, { timeoutMs: 2000 })
    const [d] = rx.deliveries()
    expect(d.headers["content-type"]).toMatch(/^application\/json/)
    const event = verify(d.body, d.headers["stripe-signature"])
    expect(event).toMatchObject({
      object: "event",
      type: "customer.created",
      api_version: API_VERSION,
      livemode: false,
      pending_webhooks: 1,
      data: { object: { id: customer.id, object: "customer" } },
    })
    expect(event.id).toMatch(/^evt_/)
    expect(event.request).toEqual({ id: customer.lastResponse.requestId, idempotency_key: "cus:acme" })
    await sbx.flushEvents()
    expect(sbx.events()[0].delivery).toMatchObject({ state: "delivered", attempts: [{ status: 200 }] })
  })

  it("never makes the API answer wait for a slow endpoint", async () => {
    await start({ webhookTimeoutMs: 100 })
    rx.respond("/hooks/stripe", "hang")
    const started = Date.now()
    await stripe.customers.create({ email: "ap@acme.test" })
    expect(Date.now() - started).toBeLessThan(100)
    await sbx.flushEvents()
    expect(sbx.events()[0].delivery.state).toBe("failed")
    expect(sbx.events()[0].delivery.attempts[0].error).toMatch(/timed out/)
  })

  it("a tampered body, or the wrong secret, fails verification", async () => {
    await start()
    await stripe.customers.create({ email: "ap@acme.test" })
    await rx.waitForCount(1)
    const [d] = rx.deliveries()
    const header = String(d.headers["stripe-signature"])
    expect(header).toMatch(/^t=\d+,v1=[0-9a-f]{64}$/)
    const tampered = d.body.replace("ap@acme.test", "evil@acme.test")
    expect(() => stripe.webhooks.constructEvent(tampered, header, sbx.webhookSecret)).toThrow(
      Stripe.errors.StripeSignatureVerificationError
    )
    expect(() => stripe.webhooks.constructEvent(d.body, header, "whsec_other")).toThrow(
      Stripe.errors.StripeSignatureVerificationError
    )
  })

  it("emits the invoice lifecycle with snapshots, including hosted-page payment", async () => {
    await start()
    const customer = await stripe.customers.create({ email: "ap@acme.test" })
    const draft = await stripe.invoices.create({
      customer: customer.id,
      collection_method: "send_invoice",
      days_until_due: 30,
    })
    await stripe.invoices.addLines(draft.id, { lines: [{ description: "X", amount: 5000 }] })
    await stripe.invoices.finalizeInvoice(draft.id)
    await stripe.invoices.sendInvoice(draft.id)
    sbx.payInvoice(draft.id)
    await sbx.flushEvents()
    const events = rx.deliveries().map((d) => verify(d.body, d.headers["stripe-signature"]))
    expect(events.map((e) => e.type)).toEqual([
      "customer.created",
      "invoice.created",
      "invoice.updated",
      "invoice.finalized",
      "invoice.sent",
      "invoice.paid",
      "invoice.payment_succeeded",
    ])
    const status = (e: Stripe.Event) => (e.data.object as Stripe.Invoice).status
    expect(events.slice(1).map(status)).toEqual(["draft", "draft", "open", "open", "paid", "paid"])
    const paid = events[5].data.object as Stripe.Invoice
    expect(paid).toMatchObject({ amount_paid: 5000, amount_remaining: 0, number: "SBX-0001" })
  })

  it("retries non-2xx answers and records every attempt", async () => {
    await start()
    rx.respond("/hooks/stripe", { status: 500 }, { times: 2 })
    await stripe.customers.create({ email: "ap@acme.test" })
    await sbx.flushEvents()
    expect(rx.count()).toBe(3)
    const [record] = sbx.events()
    expect(record.delivery.state).toBe("delivered")
    expect(record.delivery.attempts.map((a) => a.status)).toEqual([500, 500, 200])
    expect(new Set(rx.deliveries().map((d) => verify(d.body, d.headers["stripe-signature"]).id)).size).toBe(1)
  })

  it("gives up after the last retry", async () => {
    await start()
    rx.respond("/hooks/stripe", { status: 410 })
    await stripe.customers.create({ email: "ap@acme.test" })
    await sbx.flushEvents()
    expect(sbx.events()[0].delivery).toMatchObject({ state: "failed" })
    expect(sbx.events()[0].delivery.attempts).toHaveLength(4)
  })

  it("manual mode: events wait until delivered, in any order; resend repeats the same id", async () => {
    await start({ autoDeliverEvents: false })
    const customer = await stripe.customers.create({ email: "ap@acme.test" })
    const draft = await stripe.invoices.create({
      customer: customer.id,
      collection_method: "send_invoice",
      days_until_due: 30,
    })
    await stripe.invoices.addLines(draft.id, { lines: [{ amount: 100 }] })
    await stripe.invoices.finalizeInvoice(draft.id)
    const pending = sbx.pendingEvents()
    expect(pending.map((e) => e.type)).toEqual([
      "customer.created",
      "invoice.created",
      "invoice.updated",
      "invoice.finalized",
    ])
    expect(rx.count()).toBe(0)

    const finalized = pending[3]
    const created = pending[1]
    const results = await sbx.deliver([finalized.id, created.id])
    expect(results.map((r) => r.state)).toEqual(["delivered", "delivered"])
    expect(rx.deliveries().map((d) => JSON.parse(d.body).type)).toEqual(["invoice.finalized", "invoice.created"])
    expect(sbx.pendingEvents().map((e) => e.type)).toEqual(["customer.created", "invoice.updated"])

    await sbx.resendEvent(finalized.id)
    const ids = rx.deliveries().map((d) => verify(d.body, d.headers["stripe-signature"]).id)
    expect(ids).toEqual([finalized.id, created.id, finalized.id])

    await sbx.flushEvents()
    expect(sbx.pendingEvents()).toEqual([])
    expect(rx.count()).toBe(5)
  })

  it("emit() sends arbitrary events (e.g. invoice.payment_failed); no endpoint = recorded only", async () => {
    await start()
    const evt = sbx.emit("invoice.payment_failed", { id: "in_123", object: "invoice", status: "open" })
    await rx.waitForCount(1)
    expect(verify(rx.deliveries()[0].body, rx.deliveries()[0].headers["stripe-signature"])).toMatchObject({
      id: evt.id,
      type: "invoice.payment_failed",
      request: { id: null, idempotency_key: null },
    })
    sbx.setWebhookUrl(undefined)
    await stripe.customers.create({ email: "quiet@acme.test" })
    await sbx.flushEvents()
    expect(sbx.events().at(-1)?.delivery.state).toBe("no_endpoint")
    expect(rx.count()).toBe(1)
  })

  it("serves events over the API too (GET /v1/events)", async () => {
    await start()
    await stripe.customers.create({ email: "ap@acme.test" })
    await sbx.flushEvents()
    const list = await stripe.events.list({ type: "customer.*" })
    expect(list.data.map((e) => e.type)).toEqual(["customer.created"])
    expect((await stripe.events.retrieve(list.data[0].id)).id).toBe(list.data[0].id)
  })
})
