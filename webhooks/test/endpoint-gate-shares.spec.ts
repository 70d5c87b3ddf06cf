import { createEndpointGate } from "../index"
import type { GateLimits, Release, ShareOf } from "../index"

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms))
/** Blocks the event loop, as a busy process does: timers due meanwhile fire late. */
const busy = (ms: number) => {
  const until = Date.now() + ms
  while (Date.now() < until);
}

/** A share function whose part the test sets (per endpoint, as a fraction of nothing: absolute values). */
const settable = () => {
  const parts = new Map<string, Partial<GateLimits>>()
  const share: ShareOf = (id, limits) => ({ ...limits, ...parts.get(id) })
  return { share, set: (id: string, part: Partial<GateLimits>) => parts.set(id, part) }
}

describe("createEndpointGate with shares", () => {
  it("turns callers away at once when this process's share is 0, without calling the endpoint stalled", async () => {
    const { share, set } = settable()
    const gate = createEndpointGate({ maxWaitMs: 5_000, stallAfterMs: 10, share })
    set("ep", { maxConcurrency: 0 })
    const started = Date.now()
    expect(await gate.acquire("ep", { maxConcurrency: 3 })).toBeNull()
    expect(Date.now() - started).toBeLessThan(20)
    await sleep(20)
    expect(gate.stalled("ep")).toBe(false)
    expect(gate.stalledEndpointIds()).toEqual([])
    set("rated", { ratePerSecond: 0 })
    expect(await gate.acquire("rated", { maxConcurrency: 3, ratePerSecond: 20 })).toBeNull()
    expect(gate.size).toBe(0)
    gate.close()
  })

  it("admits nobody after its share is lowered until enough requests finish, and waiters once it is raised", async () => {
    const { share, set } = settable()
    const gate = createEndpointGate({ maxWaitMs: 5_000, share })
    const limits = { maxConcurrency: 4 }
    set("ep", { maxConcurrency: 2 })
    const a = (await gate.acquire("ep", limits)) as Release
    const b = (await gate.acquire("ep", limits)) as Release
    expect(gate.withinShares()).toBe(true)

    set("ep", { maxConcurrency: 1 })
    gate.reshare()
    expect(gate.withinShares()).toBe(false)
    let admitted = false
    const c = gate.acquire("ep", limits).then((r) => ((admitted = true), r))
    a()
    await sleep(10)
    expect(admitted).toBe(false) // one still in flight: the whole new share
    expect(gate.withinShares()).toBe(true)

    set("ep", { maxConcurrency: 3 })
    gate.reshare()
    const release = (await c) as Release
    expect(release).toEqual(expect.any(Function))
    expect(gate.inFlight("ep")).toBe(2)
    b()
    release()
    gate.close()
  })

  it("releases waiters with null when the share drops to 0", async () => {
    const { share, set } = settable()
    const gate = createEndpointGate({ maxWaitMs: 5_000, share })
    const held = (await gate.acquire("ep", { maxConcurrency: 1 })) as Release
    const waiting = gate.acquire("ep", { maxConcurrency: 1 })
    set("ep", { maxConcurrency: 0 })
    gate.reshare()
    expect(await waiting).toBeNull()
    held()
    gate.close()
  })

  it("spaces starts by this process's part of the rate", async () => {
    const { share, set } = settable()
    const gate = createEndpointGate({ maxWaitMs: 5_000, share })
    set("ep", { ratePerSecond: 5 }) // of 20: 200 ms apart
    const starts: number[] = []
    await Promise.all(
      [0, 1, 2].map(async () => {
        const release = await gate.acquire("ep", { maxConcurrency: 10, ratePerSecond: 20 })
        starts.push(Date.now())
        release?.()
      })
    )
    expect(Math.max(...starts) - Math.min(...starts)).toBeGreaterThanOrEqual(395)
    expect(gate.lastSpacedStartAt).toBeGreaterThanOrEqual(Math.max(...starts) - 1)
    gate.close()
  })

  it("keeps the spacing between actual starts when a timer fires late", async () => {
    const gate = createEndpointGate({ maxWaitMs: 5_000 })
    const limits = { maxConcurrency: 10, ratePerSecond: 10 } // 100 ms apart
    const starts: number[] = []
    const go = async () => {
      const release = await gate.acquire("ep", limits)
      starts.push(Date.now())
      release?.()
    }
    const all = [go(), go(), go()]
    // The second start was due at +100 ms; it fires at ~+150. The third, due at
    // +200, must still wait until 100 ms after the second's actual start.
    busy(150)
    await Promise.all(all)
    starts.sort((x, y) => x - y)
    expect(starts[2] - starts[1]).toBeGreaterThanOrEqual(99)
    gate.close()
  })

  it("stops a rate-spaced caller that is asleep when the rate share drops to 0", async () => {
    const { share, set } = settable()
    const gate = createEndpointGate({ maxWaitMs: 5_000, share })
    const limits = { maxConcurrency: 10, ratePerSecond: 2 }
    ;((await gate.acquire("ep", limits)) as Release)()
    const asleep = gate.acquire("ep", limits) // its slot is 500 ms away
    set("ep", { ratePerSecond: 0 })
    gate.reshare()
    expect(await asleep).toBeNull()
    expect(gate.inFlight("ep")).toBe(0)
    gate.close()
  })
})
