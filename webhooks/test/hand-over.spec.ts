/**
 * The dispatcher's side of a hand-over: a delivery this process holds no
 * part of is left pending, due at once, for the worker that holds it, with a
 * later retry-lane job as the fallback; no attempt is spent.
 */
import { BreakerRegistry, createDispatcher, createSender, generateSecret } from "../index"
import type { ScheduledRetry, Sender } from "../index"
import { MemoryStore } from "./support/memory-store"

const noPart = () => ({ maxConcurrency: 0, ratePerSecond: null })

describe("hand-over of deliveries this process holds no share of", () => {
  let store: MemoryStore
  let sender: Sender
  let breakers: BreakerRegistry
  let scheduled: ScheduledRetry[]

  beforeEach(() => {
    store = new MemoryStore()
    sender = createSender({ policy: { allowHttp: true, allowlist: ["127.0.0.1/32"] } })
    breakers = new BreakerRegistry()
    scheduled = []
    store.addEndpoint({
      id: "ep_one",
      url: "http://127.0.0.1:9/never",
      secrets: [{ secret: generateSecret() }],
      maxConcurrency: 1,
    })
    store.addDelivery("d_1", "ep_one")
  })
  afterEach(async () => {
    await sender.close()
    breakers.close()
  })

  const dispatcher = (holderFor?: () => string | undefined) =>
    createDispatcher({
      store,
      sender,
      breakers,
      share: noPart,
      holderFor,
      flushIntervalMs: 1,
      scheduleRetries: async (retries) => {
        scheduled.push(...retries)
      },
    })

  it("leaves the delivery due now for the holder, with a fallback retry job 5 s later", async () => {
    const d = dispatcher(() => "worker-b")
    const before = Date.now()
    expect(await d.dispatch(["d_1"])).toMatchObject({ claimed: 1, deferred: 1 })
    await d.close()
    const stored = store.get("d_1")
    expect(stored).toMatchObject({ status: "pending", attempts: 0, deferrals: 1, leaseUntil: 0 })
    expect(stored.nextAttemptAt).toBeLessThanOrEqual(Date.now())
    expect(scheduled).toEqual([
      { deliveryId: "d_1", endpointId: "ep_one", dueAt: expect.any(Number), handOverTo: "worker-b" },
    ])
    expect(scheduled[0].dueAt - before).toBeGreaterThanOrEqual(5_000)
    expect(scheduled[0].dueAt - Date.now()).toBeLessThanOrEqual(5_000)
  })

  it("defers it as busy when no other worker holds the share", async () => {
    const d = dispatcher(() => undefined)
    const before = Date.now()
    expect(await d.dispatch(["d_1"])).toMatchObject({ claimed: 1, deferred: 1 })
    await d.close()
    expect(store.get("d_1").nextAttemptAt - before).toBeGreaterThanOrEqual(1_000)
    expect(scheduled).toHaveLength(1)
    expect(scheduled[0].handOverTo).toBeUndefined()
  })
})
