import { Webhook } from "standardwebhooks"
import {
  BreakerRegistry,
  createDispatcher,
  createEndpointGate,
  createSender,
  generateSecret,
  outcomeForStatus,
  rotateSecrets,
} from "../index"
import type { Dispatcher, DispatcherOptions, ScheduledRetry, SendRequest, SendResult, Sender } from "../index"
import { MemoryStore } from "./support/memory-store"
import { startServer } from "./support/http-server"

const DAY = 24 * 60 * 60 * 1000
const SECRET = generateSecret()

const response = (status: number, extra: Partial<SendResult> = {}): SendResult => ({
  outcome: outcomeForStatus(status),
  status,
  durationMs: 1,
  responseBody: "",
  ...extra,
})
const TIMEOUT: SendResult = { outcome: "timeout", status: null, durationMs: 1, responseBody: null, error: "timeout" }

/** A Sender whose answers come from `answer`; records every request. */
function fakeSender(answer: (req: SendRequest) => SendResult | Promise<SendResult> = () => response(200)) {
  const requests: SendRequest[] = []
  let active = 0
  let maxActive = 0
  const sender: Sender & { requests: SendRequest[]; maxActive: () => number } = {
    requests,
    maxActive: () => maxActive,
    async send(req) {
      requests.push(req)
      active++
      maxActive = Math.max(maxActive, active)
      try {
        return await answer(req)
      } finally {
        active--
      }
    },
    close: async () => undefined,
  }
  return sender
}

const waitUntil = async (probe: () => boolean, timeoutMs = 2_000) => {
  const deadline = Date.now() + timeoutMs
  while (!probe()) {
    if (Date.now() > deadline) throw new Error("condition not reached")
    await new Promise((r) => setTimeout(r, 5))
  }
}

describe("createDispatcher", () => {
  let store: MemoryStore
  let breakers: BreakerRegistry
  let dispatcher: Dispatcher | undefined
  let retries: ScheduledRetry[]

  const make = (sender: Sender, options: Partial<DispatcherOptions> = {}) => {
    dispatcher = createDispatcher({
      store,
      sender,
      breakers,
      random: () => 0.5,
      scheduleRetries: async (r) => {
        retries.push(...r)
      },
      ...options,
    })
    return dispatcher
  }

  beforeEach(() => {
    store = new MemoryStore()
    breakers = new BreakerRegistry({ volumeThreshold: 3 })
    retries = []
    store.addEndpoint({ id: "ep_a", url: "https://a.example/hook", secrets: [{ secret: SECRET }] })
  })
  afterEach(async () => {
    await dispatcher?.close()
    dispatcher = undefined
    breakers.close()
  })

  it("claims a batch in one load and records it in one write", async () => {
    const ids = Array.from({ length: 50 }, (_, i) => `d${i}`)
    ids.forEach((id) => store.addDelivery(id, "ep_a"))
    const summary = await make(fakeSender()).dispatch(ids)
    expect(summary).toEqual({ requested: 50, claimed: 50, delivered: 50, retrying: 0, deferred: 0, failed: 0 })
    expect(store.loadCalls).toBe(1)
    expect(store.batches).toHaveLength(1)
    expect(ids.every((id) => store.get(id).status === "delivered")).toBe(true)
    expect(store.attempts).toHaveLength(50)
    expect(store.endpoints.get("ep_a")?.failingSince).toBeNull()
  })

  it("signs each request so standardwebhooks verifies it, with the event id as webhook-id", async () => {
    store.addDelivery("d1", "ep_a", { id: "evt_123", body: '{"type":"invoice.paid"}' })
    const sender = fakeSender()
    await make(sender).dispatch(["d1"])
    const [req] = sender.requests
    expect(req.headers["webhook-id"]).toBe("evt_123")
    expect(new Webhook(SECRET).verify(req.body, { ...req.headers })).toEqual({ type: "invoice.paid" })
  })

  it("signs with both secrets while a rotation is in its grace period", async () => {
    const next = generateSecret()
    store.addEndpoint({ id: "ep_r", url: "https://r.example/", secrets: rotateSecrets([{ secret: SECRET }], next) })
    store.addDelivery("d1", "ep_r")
    const sender = fakeSender()
    await make(sender).dispatch(["d1"])
    const { body, headers } = sender.requests[0]
    expect(headers["webhook-signature"].split(" ")).toHaveLength(2)
    expect(() => new Webhook(SECRET).verify(body, { ...headers })).not.toThrow()
    expect(() => new Webhook(next).verify(body, { ...headers })).not.toThrow()
  })

  it("schedules a retry after a failure and reuses the webhook-id on the retry", async () => {
    store.addDelivery("d1", "ep_a")
    let calls = 0
    const sender = fakeSender(() => (++calls === 1 ? response(500) : response(200)))
    const before = Date.now()
    const first = await make(sender).dispatch(["d1"])
    expect(first.retrying).toBe(1)
    const d = store.get("d1")
    expect(d).toMatchObject({ status: "pending", attempts: 1 })
    expect(d.nextAttemptAt - before).toBeGreaterThanOrEqual(5_000)
    expect(d.nextAttemptAt - Date.now()).toBeLessThanOrEqual(5_000)
    expect(retries).toEqual([{ deliveryId: "d1", endpointId: "ep_a", dueAt: d.nextAttemptAt }])
    expect(store.endpoints.get("ep_a")?.failingSince).toBeInstanceOf(Date)

    // Not due yet: a duplicate job is a no-op.
    expect((await dispatcher!.dispatch(["d1"])).claimed).toBe(0)
    store.makeDue()
    await dispatcher!.dispatch(["d1"])
    expect(store.get("d1")).toMatchObject({ status: "delivered", attempts: 2 })
    expect(sender.requests.map((r) => r.headers["webhook-id"])).toEqual(["msg_d1", "msg_d1"])
    expect(store.attemptsOf("d1").map((a) => [a.attemptNumber, a.outcome])).toEqual([
      [1, "server_error"],
      [2, "success"],
    ])
    expect(store.endpoints.get("ep_a")?.failingSince).toBeNull()
  })

  it("honours Retry-After and the overload floor", async () => {
    store.addDelivery("d1", "ep_a")
    store.addDelivery("d2", "ep_a")
    const sender = fakeSender((req) =>
      req.body.includes("d1") ? response(503, { retryAfterMs: 8_000 }) : response(429)
    )
    const before = Date.now()
    await make(sender).dispatch(["d1", "d2"])
    expect(store.get("d1").nextAttemptAt - before).toBeGreaterThanOrEqual(8_000)
    expect(store.get("d2").nextAttemptAt - before).toBeGreaterThanOrEqual(60_000)
  })

  it("marks a delivery failed once its schedule is exhausted", async () => {
    store.addEndpoint({
      id: "ep_s",
      url: "https://s.example/",
      secrets: [{ secret: SECRET }],
      retrySchedule: [0, 10, 10],
    })
    store.addDelivery("d1", "ep_s")
    make(fakeSender(() => response(404)))
    for (let i = 0; i < 3; i++) {
      store.makeDue()
      await dispatcher!.dispatch(["d1"])
    }
    expect(store.get("d1")).toMatchObject({ status: "failed", reason: "exhausted", attempts: 3 })
    expect(retries).toHaveLength(2)
  })

  it("fails the delivery and disables the endpoint on 410 Gone, emitting the event once", async () => {
    store.addDelivery("d1", "ep_a")
    store.addDelivery("d2", "ep_a")
    await make(fakeSender(() => response(410))).dispatch(["d1", "d2"])
    expect(store.get("d1")).toMatchObject({ status: "failed", reason: "endpoint_gone" })
    expect(store.endpoints.get("ep_a")?.disabled).toBe(true)
    expect(store.events).toEqual([
      expect.objectContaining({ name: "webhook.endpoint.disabled", endpointId: "ep_a", reason: "gone" }),
    ])
  })

  it("does not send to a disabled endpoint", async () => {
    store.addEndpoint({ id: "ep_off", url: "https://off.example/", secrets: [{ secret: SECRET }], disabled: true })
    store.addDelivery("d1", "ep_off")
    const sender = fakeSender()
    await make(sender).dispatch(["d1"])
    expect(sender.requests).toHaveLength(0)
    expect(store.get("d1")).toMatchObject({ status: "failed", reason: "endpoint_disabled", attempts: 0 })
  })

  it("disables an endpoint that has been failing for five days", async () => {
    store.endpoints.get("ep_a")!.failingSince = new Date(Date.now() - 5 * DAY - 1_000)
    store.addDelivery("d1", "ep_a")
    await make(fakeSender(() => TIMEOUT)).dispatch(["d1"])
    expect(store.endpoints.get("ep_a")?.disabled).toBe(true)
    expect(store.events).toEqual([expect.objectContaining({ reason: "failing", endpointId: "ep_a" })])
    expect(store.get("d1").status).toBe("pending") // its remaining attempts end as endpoint_disabled
  })

  it("defers without spending an attempt while the breaker is open", async () => {
    const ids = Array.from({ length: 6 }, (_, i) => `d${i}`)
    ids.forEach((id) => store.addDelivery(id, "ep_a"))
    const sender = fakeSender(() => TIMEOUT)
    // Sequential admission: three timeouts open the breaker (volumeThreshold 3).
    const summary = await make(sender, { defaultMaxConcurrency: 1 }).dispatch(ids)
    expect(sender.requests).toHaveLength(3)
    expect(summary).toMatchObject({ retrying: 3, deferred: 3 })
    const deferred = ids.map((id) => store.get(id)).filter((d) => d.attempts === 0)
    expect(deferred).toHaveLength(3)
    for (const d of deferred) {
      expect(d.deferrals).toBe(1)
      expect(d.nextAttemptAt - Date.now()).toBeGreaterThan(25_000)
    }
    expect(store.attempts).toHaveLength(3)
  })

  it("caps concurrent requests per endpoint", async () => {
    store.addEndpoint({ id: "ep_c", url: "https://c.example/", secrets: [{ secret: SECRET }], maxConcurrency: 2 })
    const ids = Array.from({ length: 10 }, (_, i) => `d${i}`)
    ids.forEach((id) => store.addDelivery(id, "ep_c"))
    const sender = fakeSender(async () => {
      await new Promise((r) => setTimeout(r, 10))
      return response(200)
    })
    await make(sender).dispatch(ids)
    expect(sender.maxActive()).toBe(2)
    expect(ids.every((id) => store.get(id).status === "delivered")).toBe(true)
  })

  it("defers deliveries that cannot be admitted in time", async () => {
    store.addEndpoint({ id: "ep_c", url: "https://c.example/", secrets: [{ secret: SECRET }], maxConcurrency: 1 })
    store.addDelivery("d1", "ep_c")
    store.addDelivery("d2", "ep_c")
    const sender = fakeSender(async () => {
      await new Promise((r) => setTimeout(r, 100))
      return response(200)
    })
    const summary = await make(sender, { maxAdmissionWaitMs: 20 }).dispatch(["d1", "d2"])
    expect(summary).toMatchObject({ delivered: 1, deferred: 1 })
    expect(store.get("d2")).toMatchObject({ status: "pending", attempts: 0, deferrals: 1 })
  })

  it("records fast results while a slow delivery in the same batch is still running", async () => {
    store.addEndpoint({ id: "ep_slow", url: "https://slow.example/", secrets: [{ secret: SECRET }] })
    store.addDelivery("fast", "ep_a")
    store.addDelivery("slow", "ep_slow")
    let releaseSlow!: () => void
    const slowGate = new Promise<void>((r) => (releaseSlow = r))
    const sender = fakeSender(async (req) => {
      if (req.url.includes("slow")) await slowGate
      return response(200)
    })
    const run = make(sender).dispatch(["fast", "slow"])
    await new Promise((r) => setTimeout(r, 50))
    expect(store.get("fast").status).toBe("delivered")
    expect(store.get("slow").status).toBe("pending")
    releaseSlow()
    await run
    expect(store.get("slow").status).toBe("delivered")
  })

  it("admits a batch as soon as it is claimed and waits for capacity before claiming more", async () => {
    store.addEndpoint({ id: "ep_slow", url: "https://slow.example/", secrets: [{ secret: SECRET }] })
    ;["s1", "s2", "s3"].forEach((id) => store.addDelivery(id, "ep_slow"))
    let releaseSlow!: () => void
    const slowGate = new Promise<void>((r) => (releaseSlow = r))
    const sender = fakeSender(async () => {
      await slowGate
      return response(200)
    })
    make(sender, { maxInFlight: 2 })
    const first = await dispatcher!.admit(["s1", "s2"])
    expect(first).toMatchObject({ requested: 2, claimed: 2 })
    expect(dispatcher!.inFlight).toBe(2)
    let secondAdmitted = false
    const second = dispatcher!.admit(["s3"]).then((b) => ((secondAdmitted = true), b))
    await new Promise((r) => setTimeout(r, 30))
    expect(secondAdmitted).toBe(false) // at capacity: not even claimed yet
    expect(store.get("s3").claimToken).toBeNull()
    releaseSlow()
    expect(await first.settled).toMatchObject({ delivered: 2 })
    expect(await (await second).settled).toMatchObject({ delivered: 1 })
    expect(dispatcher!.inFlight).toBe(0)
  })

  it("defers, without an attempt, what waits for a hanging endpoint, and then stops claiming for it", async () => {
    store.addEndpoint({ id: "ep_hang", url: "https://hang.example/", secrets: [{ secret: SECRET }], maxConcurrency: 1 })
    ;["h1", "h2", "h3"].forEach((id) => store.addDelivery(id, "ep_hang"))
    store.addDelivery("ok1", "ep_a")
    let releaseHang!: () => void
    const hang = new Promise<void>((r) => (releaseHang = r))
    const sender = fakeSender(async (req) => {
      if (req.url.includes("hang")) await hang
      return response(200)
    })
    const gate = createEndpointGate({ maxWaitMs: 5_000, stallAfterMs: 30 })
    make(sender, { gate })
    try {
      // h1 takes the only slot and hangs; h2 queues until the endpoint counts as stalled.
      const first = await dispatcher!.admit(["h1", "h2"])
      expect(first.claimed).toBe(2)
      await waitUntil(() => store.get("h2").deferrals === 1)
      expect(store.get("h2")).toMatchObject({ status: "pending", attempts: 0 })
      expect(store.get("h2").nextAttemptAt - Date.now()).toBeGreaterThan(4_000) // 5–10 s: until timeouts open the breaker
      // While it stays stalled, its deliveries are not even claimed (no lease, no write); others are.
      const second = await dispatcher!.admit(["h3", "ok1"])
      expect(second.claimed).toBe(1)
      expect(await second.settled).toMatchObject({ delivered: 1 })
      expect(store.get("h3")).toMatchObject({ status: "pending", attempts: 0, deferrals: 0, claimToken: null })
      expect(store.attempts.filter((a) => a.endpointId === "ep_hang")).toHaveLength(0)
    } finally {
      releaseHang()
      gate.close()
    }
  })

  it("leaves deliveries of an endpoint whose breaker is open unclaimed", async () => {
    const ids = Array.from({ length: 4 }, (_, i) => `b${i}`)
    ids.forEach((id) => store.addDelivery(id, "ep_a"))
    make(
      fakeSender(() => TIMEOUT),
      { defaultMaxConcurrency: 1 }
    )
    await dispatcher!.dispatch(ids.slice(0, 3)) // three timeouts open the breaker (volumeThreshold 3)
    expect(breakers.openKeys()).toEqual(["ep_a"])
    expect(await dispatcher!.dispatch(["b3"])).toMatchObject({ requested: 1, claimed: 0 })
    expect(store.get("b3")).toMatchObject({ status: "pending", attempts: 0, deferrals: 0, claimToken: null })
  })

  it("claims each delivery once when the same ids are dispatched concurrently", async () => {
    const ids = Array.from({ length: 20 }, (_, i) => `d${i}`)
    ids.forEach((id) => store.addDelivery(id, "ep_a"))
    const sender = fakeSender()
    make(sender)
    const [a, b] = await Promise.all([dispatcher!.dispatch(ids), dispatcher!.dispatch(ids)])
    expect(a.claimed + b.claimed).toBe(20)
    expect(sender.requests).toHaveLength(20)
  })

  it("turns a configuration problem into a failed attempt, not a lost delivery", async () => {
    store.addEndpoint({
      id: "ep_x",
      url: "https://x.example/",
      secrets: [{ secret: SECRET, expiresAt: new Date(Date.now() - 1) }],
    })
    store.addDelivery("d1", "ep_x")
    const sender = fakeSender()
    await make(sender).dispatch(["d1"])
    expect(sender.requests).toHaveLength(0)
    expect(store.get("d1")).toMatchObject({ status: "pending", attempts: 1 })
    expect(store.attemptsOf("d1")[0]).toMatchObject({
      outcome: "internal_error",
      error: expect.stringContaining("secret"),
    })
    expect(store.endpoints.get("ep_x")?.failingSince).toBeNull() // not the endpoint's fault
  })

  it("fails an oversized payload at once", async () => {
    store.addDelivery("d1", "ep_a")
    await make(
      fakeSender(() => ({ outcome: "payload_too_large", status: null, durationMs: 0, responseBody: null }))
    ).dispatch(["d1"])
    expect(store.get("d1")).toMatchObject({ status: "failed", reason: "payload_too_large", attempts: 1 })
  })

  it("keeps endpoint headers but never lets them replace webhook or content headers", async () => {
    store.addEndpoint({
      id: "ep_h",
      url: "https://h.example/",
      secrets: [{ secret: SECRET }],
      headers: { "X-Partner-Key": "k1", "Webhook-Id": "forged", "Content-Type": "text/plain" },
    })
    store.addDelivery("d1", "ep_h")
    const sender = fakeSender()
    await make(sender).dispatch(["d1"])
    expect(sender.requests[0].headers).toMatchObject({ "x-partner-key": "k1", "webhook-id": "msg_d1" })
    expect(sender.requests[0].headers).not.toHaveProperty("content-type")
  })

  it("rejects the batch when results cannot be persisted, keeping the lease", async () => {
    store.addDelivery("d1", "ep_a")
    store.failNextRecord = true
    await expect(make(fakeSender()).dispatch(["d1"])).rejects.toThrow("store unavailable")
    expect(store.get("d1")).toMatchObject({ status: "pending", attempts: 0 })
    expect(store.get("d1").leaseUntil).toBeGreaterThan(Date.now())
  })

  it("delivers through the real sender to a local receiver", async () => {
    const server = await startServer()
    const sender = createSender({ policy: { allowHttp: true, allowlist: ["127.0.0.1/32"] } })
    try {
      store.addEndpoint({ id: "ep_l", url: `${server.url}/hooks`, secrets: [{ secret: SECRET }] })
      store.addDelivery("d1", "ep_l", { body: '{"ok":true}' })
      await make(sender).dispatch(["d1"])
      expect(store.get("d1").status).toBe("delivered")
      const [req] = server.requests
      expect(new Webhook(SECRET).verify(req.body, req.headers as Record<string, string>)).toEqual({ ok: true })
    } finally {
      await sender.close()
      await server.close()
    }
  })

  it("refuses work after close", async () => {
    await make(fakeSender()).close()
    await expect(dispatcher!.dispatch(["d1"])).rejects.toMatchObject({ code: "ERR_WEBHOOK_CLOSED" })
  })
})
