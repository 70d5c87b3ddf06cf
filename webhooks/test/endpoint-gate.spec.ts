import { createEndpointGate } from "../index"
import type { Release } from "../index"

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms))

describe("createEndpointGate", () => {
  it("admits up to maxConcurrency and hands freed slots to waiters in order", async () => {
    const gate = createEndpointGate({ maxWaitMs: 1_000 })
    const limits = { maxConcurrency: 2 }
    const a = (await gate.acquire("ep", limits)) as Release
    const b = (await gate.acquire("ep", limits)) as Release
    expect(gate.inFlight("ep")).toBe(2)
    const order: string[] = []
    const c = gate.acquire("ep", limits).then((r) => (order.push("c"), r))
    const d = gate.acquire("ep", limits).then((r) => (order.push("d"), r))
    await sleep(10)
    expect(order).toEqual([])
    a()
    a() // releasing twice is harmless
    const releaseC = await c
    expect(order).toEqual(["c"])
    expect(gate.inFlight("ep")).toBe(2)
    b()
    const releaseD = await d
    releaseC?.()
    releaseD?.()
    expect(gate.inFlight("ep")).toBe(0)
    expect(gate.size).toBe(0)
    gate.close()
  })

  it("keeps endpoints independent", async () => {
    const gate = createEndpointGate({ maxWaitMs: 50 })
    await gate.acquire("slow", { maxConcurrency: 1 })
    expect(await gate.acquire("fast", { maxConcurrency: 1 })).toEqual(expect.any(Function))
    gate.close()
  })

  it("gives up with null after maxWaitMs so the caller can defer", async () => {
    const gate = createEndpointGate({ maxWaitMs: 30 })
    await gate.acquire("ep", { maxConcurrency: 1 })
    const started = Date.now()
    expect(await gate.acquire("ep", { maxConcurrency: 1 })).toBeNull()
    expect(Date.now() - started).toBeGreaterThanOrEqual(25)
    gate.close()
  })

  it("spaces request starts to the endpoint's rate", async () => {
    const gate = createEndpointGate({ maxWaitMs: 1_000 })
    const limits = { maxConcurrency: 10, ratePerSecond: 20 }
    const starts: number[] = []
    await Promise.all(
      [0, 1, 2, 3].map(async () => {
        const release = await gate.acquire("ep", limits)
        starts.push(Date.now())
        release?.()
      })
    )
    const span = Math.max(...starts) - Math.min(...starts)
    expect(span).toBeGreaterThanOrEqual(140) // 3 gaps of 50 ms, minus timer slack
    gate.close()
  })

  it("defers instead of waiting past maxWaitMs for a rate slot", async () => {
    const gate = createEndpointGate({ maxWaitMs: 100 })
    const limits = { maxConcurrency: 10, ratePerSecond: 2 }
    expect(await gate.acquire("ep", limits)).toEqual(expect.any(Function))
    expect(await gate.acquire("ep", limits)).toBeNull() // next slot is 500 ms away
    expect(gate.inFlight("ep")).toBe(1)
    gate.close()
  })

  it("reports an endpoint as stalled only while it is full and nothing finishes", async () => {
    const gate = createEndpointGate({ maxWaitMs: 1_000, stallAfterMs: 30 })
    const limits = { maxConcurrency: 2 }
    const a = (await gate.acquire("ep", limits)) as Release
    await sleep(40)
    expect(gate.stalled("ep")).toBe(false) // a free slot left
    const b = (await gate.acquire("ep", limits)) as Release
    expect(gate.stalled("ep")).toBe(false) // just admitted: progress
    await sleep(40)
    expect(gate.stalled("ep")).toBe(true)
    a()
    expect(gate.stalled("ep")).toBe(false)
    b()
    expect(gate.stalled("other")).toBe(false)
    gate.close()
  })

  it("judges a fast endpoint stalled sooner, by its own request time, and an unknown one after stallAfterMs", async () => {
    let t = 1_000_000
    const gate = createEndpointGate({ stallAfterMs: 500, minStallMs: 100, stallAfterRequests: 20, now: () => t })
    const limits = { maxConcurrency: 1 }
    const first = (await gate.acquire("fast", limits)) as Release
    t += 2
    first() // the endpoint answers in 2 ms
    await gate.acquire("fast", limits) // now full, and then it hangs
    await gate.acquire("unknown", limits)
    t += 99
    expect(gate.stalled("fast")).toBe(false)
    t += 2 // 101 ms: 20 × 2 ms is under the 100 ms floor
    expect(gate.stalled("fast")).toBe(true)
    expect(gate.stalled("unknown")).toBe(false) // no request time yet: the full 500 ms
    t += 400
    expect(gate.stalled("unknown")).toBe(true)
    gate.close()
  })

  it("expects completions more often from an endpoint with many requests in flight", async () => {
    let t = 1_000_000
    const gate = createEndpointGate({ stallAfterMs: 500, minStallMs: 100, stallAfterRequests: 20, now: () => t })
    const wide = { maxConcurrency: 100 }
    const narrow = { maxConcurrency: 1 }
    // Both answer in 40 ms (a busy receiver: requests wait for each other).
    for (const [id, limits] of [
      ["wide", wide],
      ["narrow", narrow],
    ] as const) {
      const first = (await gate.acquire(id, limits)) as Release
      t += 40
      first()
    }
    for (let i = 0; i < 100; i++) await gate.acquire("wide", wide) // full, then it hangs
    await gate.acquire("narrow", narrow)
    t += 101
    // 100 in flight: a completion was due every 0.4 ms, so 100 ms without one (the floor) is a hang.
    expect(gate.stalled("wide")).toBe(true)
    // One in flight: 20 × 40 ms must pass first.
    expect(gate.stalled("narrow")).toBe(false)
    t += 700
    expect(gate.stalled("narrow")).toBe(true) // the 500 ms ceiling
    gate.close()
  })

  it("keeps callers queued while the endpoint progresses, and releases them once it stalls", async () => {
    // Wide margins (40 ms of work against a 250 ms stall window, 10 s max wait): a loaded CI machine must not flip the result.
    const gate = createEndpointGate({ maxWaitMs: 10_000, stallAfterMs: 250 })
    const limits = { maxConcurrency: 1 }
    let held = (await gate.acquire("ep", limits)) as Release
    // A busy but healthy endpoint: each request finishes within the stall window.
    for (let i = 0; i < 4; i++) {
      const next = gate.acquire("ep", limits)
      await sleep(40)
      held()
      held = (await next) as Release
      expect(held).toEqual(expect.any(Function))
    }
    // Now nothing finishes: the queued caller is let go well before maxWaitMs.
    const started = Date.now()
    expect(await gate.acquire("ep", limits)).toBeNull()
    expect(Date.now() - started).toBeLessThan(3_000)
    expect(gate.stalled("ep")).toBe(true)
    // New callers of a stalled endpoint do not queue at all.
    const again = Date.now()
    expect(await gate.acquire("ep", limits)).toBeNull()
    expect(Date.now() - again).toBeLessThan(20)
    held()
    gate.close()
  })

  it("turns callers away at once beyond maxWaiting", async () => {
    const gate = createEndpointGate({ maxWaitMs: 1_000, maxWaiting: 1 })
    const limits = { maxConcurrency: 1 }
    const first = (await gate.acquire("ep", limits)) as Release
    const queued = gate.acquire("ep", limits)
    expect(await gate.acquire("ep", limits)).toBeNull()
    first()
    const second = (await queued) as Release
    expect(second).toEqual(expect.any(Function))
    second()
    gate.close()
  })

  it("queues beyond maxWaiting only when the endpoint's recent pace drains the queue within overflowDrainMs", async () => {
    let clock = 0
    const gate = createEndpointGate({ maxWaitMs: 60_000, maxWaiting: 2, overflowDrainMs: 1_000, now: () => clock })
    const limits = { maxConcurrency: 2 }
    // Learn each endpoint's request time: "fast" answers in 10 ms, "slow" in 2 s.
    for (const [id, took] of [
      ["fast", 10],
      ["slow", 2_000],
    ] as const) {
      const release = (await gate.acquire(id, limits)) as Release
      clock += took
      release()
    }
    const fill = async (id: string) => {
      const held = [(await gate.acquire(id, limits)) as Release, (await gate.acquire(id, limits)) as Release]
      const queued = [gate.acquire(id, limits), gate.acquire(id, limits)]
      return { held, queued, overflow: gate.acquire(id, limits) }
    }
    // 2 waiting × 10 ms ÷ 2 slots = 10 ms to drain: the third caller queues too and is served in turn.
    const fast = await fill("fast")
    // 2 waiting × 2 s ÷ 2 slots = 2 s: sooner deferred than held.
    const slow = await fill("slow")
    expect(await slow.overflow).toBeNull()
    for (const release of [...fast.held, ...slow.held]) release()
    for (const waiter of [...fast.queued, fast.overflow]) {
      const release = await waiter
      expect(release).toEqual(expect.any(Function))
      release!()
    }
    gate.close()
  })

  it("turns overflow away while an endpoint's pace is unknown", async () => {
    const gate = createEndpointGate({ maxWaitMs: 1_000, maxWaiting: 1 })
    const first = (await gate.acquire("new", { maxConcurrency: 1 })) as Release
    const queued = gate.acquire("new", { maxConcurrency: 1 })
    expect(await gate.acquire("new", { maxConcurrency: 1 })).toBeNull()
    first()
    ;((await queued) as Release)()
    gate.close()
  })

  it("releases every waiter with null on close", async () => {
    const gate = createEndpointGate({ maxWaitMs: 10_000 })
    await gate.acquire("ep", { maxConcurrency: 1 })
    const waiting = gate.acquire("ep", { maxConcurrency: 1 })
    gate.close()
    expect(await waiting).toBeNull()
    expect(await gate.acquire("ep", { maxConcurrency: 1 })).toBeNull()
  })
})
