import { BreakerRegistry } from "../../index"
import type { KeyedBreaker } from "../../index"

const fail = () => Promise.reject(new Error("endpoint down"))
const succeed = () => Promise.resolve("ok")
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms))

async function fireTimes(breaker: KeyedBreaker, n: number, action: () => Promise<unknown>) {
  for (let i = 0; i < n; i++) await breaker.fire(action).catch(() => undefined)
}

describe("BreakerRegistry", () => {
  it("keeps a fresh breaker closed through its first failures", async () => {
    const registry = new BreakerRegistry({ volumeThreshold: 10 })
    const breaker = registry.get("ep_1")
    await fireTimes(breaker, 9, fail)
    expect(breaker.state()).toBe("closed")
    registry.close()
  })

  it("opens once the volume threshold is reached with a failure rate over 50%", async () => {
    const registry = new BreakerRegistry({ volumeThreshold: 10 })
    const breaker = registry.get("ep_1")
    await fireTimes(breaker, 10, fail)
    expect(breaker.state()).toBe("open")
    expect(breaker.deferralMs()).toBeGreaterThan(29_000)
    await expect(breaker.fire(succeed)).rejects.toMatchObject({ code: "EOPENBREAKER" })
    registry.close()
  })

  it("does not open while most calls succeed", async () => {
    const registry = new BreakerRegistry({ volumeThreshold: 4 })
    const breaker = registry.get("ep_1")
    await fireTimes(breaker, 6, succeed)
    await fireTimes(breaker, 4, fail)
    expect(breaker.state()).toBe("closed")
    registry.close()
  })

  it("goes half-open after resetTimeout and closes again on a successful trial", async () => {
    const registry = new BreakerRegistry({ volumeThreshold: 2, resetTimeoutMs: 50 })
    const breaker = registry.get("ep_1")
    await fireTimes(breaker, 2, fail)
    expect(breaker.state()).toBe("open")
    await sleep(80)
    expect(breaker.state()).toBe("half-open")
    expect(breaker.deferralMs()).toBe(25)
    await expect(breaker.fire(succeed)).resolves.toBe("ok")
    expect(breaker.state()).toBe("closed")
    registry.close()
  })

  it("re-opens when the half-open trial fails", async () => {
    const registry = new BreakerRegistry({ volumeThreshold: 2, resetTimeoutMs: 50 })
    const breaker = registry.get("ep_1")
    await fireTimes(breaker, 2, fail)
    await sleep(80)
    await fireTimes(breaker, 1, fail)
    expect(breaker.state()).toBe("open")
    registry.close()
  })

  it("returns the same breaker per endpoint and separate ones across endpoints", async () => {
    const registry = new BreakerRegistry({ volumeThreshold: 1 })
    expect(registry.get("a")).toBe(registry.get("a"))
    await fireTimes(registry.get("a"), 2, fail)
    expect(registry.get("a").state()).toBe("open")
    expect(registry.get("b").state()).toBe("closed")
    registry.close()
  })

  it("stays within its bound for 10,000 endpoints, shutting evicted breakers down", () => {
    // opossum unrefs its timers, so count them at creation instead of as active handles.
    const setIntervalSpy = jest.spyOn(global, "setInterval")
    const clearIntervalSpy = jest.spyOn(global, "clearInterval")
    const registry = new BreakerRegistry({ maxBreakers: 1_000 })
    const created: KeyedBreaker[] = []
    for (let i = 0; i < 10_000; i++) created.push(registry.get(`ep_${i}`))
    expect(registry.size).toBe(1_000)
    expect(created.slice(0, 9_000).every((b) => b.breaker.isShutdown)).toBe(true)
    expect(created.slice(9_000).every((b) => !b.breaker.isShutdown)).toBe(true)
    // One shared rotation ticker, not one (or two) intervals per breaker.
    expect(setIntervalSpy).toHaveBeenCalledTimes(1)
    const ticker = setIntervalSpy.mock.results[0].value
    // Evicted breakers stopped listening to the shared ticker (peeking at opossum's Status).
    const status = created[9_999].breaker.status as unknown as { rotateBucketController: NodeJS.EventEmitter }
    expect(status.rotateBucketController.listenerCount("rotate")).toBe(1_000)
    registry.close()
    expect(registry.size).toBe(0)
    expect(created.every((b) => b.breaker.isShutdown)).toBe(true)
    expect(clearIntervalSpy).toHaveBeenCalledWith(ticker)
    expect(status.rotateBucketController.listenerCount("rotate")).toBe(0)
    setIntervalSpy.mockRestore()
    clearIntervalSpy.mockRestore()
  })

  it("keeps recently used breakers when evicting", () => {
    const registry = new BreakerRegistry({ maxBreakers: 2 })
    const a = registry.get("a")
    registry.get("b")
    registry.get("a")
    registry.get("c")
    expect(registry.peek("a")).toBe(a)
    expect(registry.peek("b")).toBeUndefined()
    registry.close()
  })

  it("refuses new breakers after close", () => {
    const registry = new BreakerRegistry()
    registry.close()
    expect(() => registry.get("a")).toThrow(expect.objectContaining({ code: "ERR_WEBHOOK_CLOSED" }))
  })

  it("creates a breaker with its own settings and reports its state changes", async () => {
    const registry = new BreakerRegistry({ volumeThreshold: 10, resetTimeoutMs: 50 })
    const states: string[] = []
    const breaker = registry.get("conn_1", { volumeThreshold: 2, onStateChange: (state) => states.push(state) })
    // Settings only apply at creation: the existing breaker comes back as it is.
    expect(registry.get("conn_1", { volumeThreshold: 50 })).toBe(breaker)
    await fireTimes(breaker, 2, fail)
    expect(registry.state("conn_1")).toBe("open")
    expect(registry.openKeys()).toEqual(["conn_1"])
    await sleep(80)
    await breaker.fire(succeed)
    expect(states).toEqual(["open", "half-open", "closed"])
    expect(registry.state("conn_2")).toBeUndefined()
    registry.close()
  })

  it("rotates a breaker with its own window on its own timer, not the shared ticker", () => {
    const setIntervalSpy = jest.spyOn(global, "setInterval")
    const registry = new BreakerRegistry()
    registry.get("shared")
    registry.get("own", { rollingCountTimeoutMs: 60_000 })
    const status = (key: string) =>
      registry.peek(key)!.breaker.status as unknown as { rotateBucketController?: NodeJS.EventEmitter }
    expect(status("shared").rotateBucketController).toBeDefined()
    expect(status("own").rotateBucketController).toBeUndefined()
    expect(setIntervalSpy).toHaveBeenCalledTimes(2) // the shared ticker, and the own breaker's bucket timer
    registry.close()
    setIntervalSpy.mockRestore()
  })

  it("shuts one breaker (or all) down and makes fresh ones on next use, staying open for business", async () => {
    const registry = new BreakerRegistry({ volumeThreshold: 1 })
    const a = registry.get("a")
    registry.get("b")
    await fireTimes(a, 2, fail)
    registry.shutdown("a")
    expect(a.breaker.isShutdown).toBe(true)
    expect(registry.keys()).toEqual(["b"])
    expect(registry.openKeys()).toEqual([])
    expect(registry.get("a").state()).toBe("closed")
    registry.shutdown()
    expect(registry.size).toBe(0)
    expect(registry.get("c").state()).toBe("closed")
    registry.close()
  })
})
