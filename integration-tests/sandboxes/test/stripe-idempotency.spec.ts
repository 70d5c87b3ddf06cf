import Stripe from "stripe"
import { startStripeSandbox, type StripeSandbox } from "../stripe"

const DAY = 86_400

/**
 * Idempotency keys as Stripe documents them
 * (https://docs.stripe.com/api/idempotent_requests): an answer is saved once
 * the endpoint began executing — a 500 included — and replayed until the key
 * is pruned (24 h); a request whose key another request is still executing
 * gets 409 idempotency_key_in_use and saves nothing. Real SDK throughout;
 * retries off unless a test is about them.
 */
describe("Stripe sandbox — idempotency keys: saved 500s, 24 h pruning, keys in use", () => {
  let sbx: StripeSandbox
  let stripe: Stripe

  beforeEach(async () => {
    sbx = await startStripeSandbox()
    stripe = new Stripe("sk_test_sandbox", { ...sbx.stripeClientOptions, maxNetworkRetries: 0, timeout: 2000 })
  })
  afterEach(async () => {
    await sbx.close()
  })

  const create = (key: string, client = stripe) =>
    client.customers.create({ email: "ap@acme.test" }, { idempotencyKey: key })
  const until = async (check: () => boolean) => {
    for (let i = 0; i < 200 && !check(); i++) await new Promise((r) => setTimeout(r, 5))
  }

  it("error500 during: the 500 is saved under the key and replayed to every later call with it; nothing is created", async () => {
    sbx.failNext({ mode: "error500", when: "during", method: "POST", path: /^\/v1\/customers$/ })
    await expect(create("k1")).rejects.toMatchObject({ type: "StripeAPIError", statusCode: 500, rawType: "api_error" })
    const replay = await create("k1").catch((e: Stripe.errors.StripeError) => e)
    expect(replay).toMatchObject({ type: "StripeAPIError", statusCode: 500 })
    expect((replay as Stripe.errors.StripeError).headers).toMatchObject({
      "idempotent-replayed": "true",
      "original-request": sbx.requests()[0].id,
    })
    expect(sbx.customers()).toHaveLength(0)
    // Another key is another request: it runs.
    const other = await create("k1-other")
    expect(sbx.customers().map((c) => c.id)).toEqual([other.id])
    expect(sbx.requests().map((r) => [r.idempotencyKey, r.status, r.executed, r.replayed, r.fault])).toEqual([
      ["k1", 500, false, false, "error500"],
      ["k1", 500, true, true, null],
      ["k1-other", 200, true, false, null],
    ])
  })

  it("the SDK's own retries of a saved 500 get the same 500: the key stays blocked", async () => {
    const retrying = new Stripe("sk_test_sandbox", { ...sbx.stripeClientOptions, maxNetworkRetries: 1, timeout: 2000 })
    sbx.failNext({ mode: "error500", when: "during" })
    await expect(create("k2", retrying)).rejects.toMatchObject({ statusCode: 500 })
    expect(sbx.requests().map((r) => [r.status, r.replayed])).toEqual([
      [500, false],
      [500, true],
    ])
    expect(sbx.customers()).toHaveLength(0)
  })

  it("timeout during: the 500 is saved although the client never saw it; the retry gets it replayed", async () => {
    const impatient = new Stripe("sk_test_sandbox", { ...sbx.stripeClientOptions, maxNetworkRetries: 0, timeout: 300 })
    sbx.failNext({ mode: "timeout", when: "during" })
    await expect(create("k3", impatient)).rejects.toBeInstanceOf(Stripe.errors.StripeConnectionError)
    await expect(create("k3")).rejects.toMatchObject({
      statusCode: 500,
      headers: expect.objectContaining({ "idempotent-replayed": "true" }),
    })
    expect(sbx.customers()).toHaveLength(0)
  })

  it("a refused request (parameters fail validation) saves nothing under its key, 'during' or not", async () => {
    sbx.failNext({ mode: "error500", when: "during" })
    await expect(
      stripe.customers.create({ email: "ap@acme.test", bogus: 1 } as Stripe.CustomerCreateParams, {
        idempotencyKey: "k4",
      })
    ).rejects.toMatchObject({
      statusCode: 400,
      code: "parameter_unknown",
    })
    const ok = await create("k4")
    expect(ok.lastResponse.headers["idempotent-replayed"]).toBeUndefined()
  })

  it("keys are pruned 24 h after their answer was saved: a saved 500 until then, a new request after", async () => {
    sbx.failNext({ mode: "error500", when: "during" })
    await expect(create("k5")).rejects.toMatchObject({ statusCode: 500 })
    sbx.advanceClock(DAY - 1)
    await expect(create("k5")).rejects.toMatchObject({
      statusCode: 500,
      headers: expect.objectContaining({ "idempotent-replayed": "true" }),
    })
    sbx.advanceClock(1)
    const fresh = await create("k5")
    expect(fresh.lastResponse.headers["idempotent-replayed"]).toBeUndefined()
    expect(sbx.customers().map((c) => c.id)).toEqual([fresh.id])
    // The new answer is saved under the key for the next 24 h.
    expect((await create("k5")).lastResponse.headers["idempotent-replayed"]).toBe("true")
  })

  it("after pruning, the same key runs again — a second object (what Stripe does), even with other parameters", async () => {
    const first = await create("k6")
    await expect(stripe.customers.create({ email: "other@acme.test" }, { idempotencyKey: "k6" })).rejects.toMatchObject(
      { rawType: "idempotency_error" }
    )
    const now = sbx.advanceClock(DAY)
    const second = await stripe.customers.create({ email: "other@acme.test" }, { idempotencyKey: "k6" })
    expect(second.id).not.toBe(first.id)
    expect(second.created).toBeGreaterThanOrEqual(now)
    expect(sbx.customers()).toHaveLength(2)
  })

  it("a key in use: a concurrent request with it gets 409 idempotency_key_in_use and saves nothing; other keys run", async () => {
    sbx.failNext({ mode: "slow", delayMs: 300, method: "POST", path: /^\/v1\/customers$/ })
    const slow = create("k7")
    await until(() => sbx.requests().length === 1)
    // stripe-node makes StripeIdempotencyError of 400/404 idempotency errors only; a 409 is a StripeAPIError.
    await expect(create("k7")).rejects.toMatchObject({
      type: "StripeAPIError",
      statusCode: 409,
      rawType: "idempotency_error",
      code: "idempotency_key_in_use",
    })
    const other = await create("k7-other") // not blocked by the slow one
    const created = await slow
    expect(
      sbx
        .customers()
        .map((c) => c.id)
        .sort()
    ).toEqual([created.id, other.id].sort())
    // The 409 saved nothing: the key replays the first request's answer.
    const replay = await create("k7")
    expect([replay.id, replay.lastResponse.headers["idempotent-replayed"]]).toEqual([created.id, "true"])
    // In order of arrival.
    expect(sbx.requests().map((r) => [r.idempotencyKey, r.status, r.executed, r.replayed, r.fault])).toEqual([
      ["k7", 200, true, false, "slow"],
      ["k7", 409, false, false, null],
      ["k7-other", 200, true, false, null],
      ["k7", 200, true, true, null],
    ])
  })

  it("stripe-node retries the 409 and gets the first request's answer: one customer", async () => {
    const retrying = new Stripe("sk_test_sandbox", { ...sbx.stripeClientOptions, maxNetworkRetries: 2, timeout: 5000 })
    sbx.failNext({ mode: "slow", delayMs: 200 })
    const first = create("k8", retrying)
    await until(() => sbx.requests().length === 1)
    const second = await create("k8", retrying)
    expect(second.id).toBe((await first).id)
    expect(second.lastResponse.headers["idempotent-replayed"]).toBe("true")
    expect(sbx.customers()).toHaveLength(1)
    expect(sbx.requests().map((r) => [r.status, r.replayed])).toEqual([
      [200, false], // the slow one
      [409, false],
      [200, true], // the SDK's retry
    ])
  })

  it("is driven over HTTP too: fail_next with when 'during' and clock/advance", async () => {
    const post = (path: string, body: object) =>
      fetch(`${sbx.url}/_sandbox/${path}`, { method: "POST", body: JSON.stringify(body) })
    expect((await post("fail_next", { mode: "error500", when: "during", path: "^/v1/customers$" })).status).toBe(200)
    await expect(create("k9")).rejects.toMatchObject({ statusCode: 500 })
    await expect(create("k9")).rejects.toMatchObject({ statusCode: 500 })
    const advanced = await post("clock/advance", { seconds: DAY })
    expect(advanced.status).toBe(200)
    const { now } = (await advanced.json()) as { now: number }
    expect(now).toBeGreaterThanOrEqual(Math.floor(Date.now() / 1000) + DAY - 1)
    expect((await create("k9")).created).toBeGreaterThanOrEqual(now)
    expect((await post("clock/advance", {})).status).toBe(400)
  })
})
