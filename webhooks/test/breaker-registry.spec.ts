import { createBreakerRegistry } from "../index"
import type { EndpointBreaker } from "../index"

const fail = () => Promise.reject(new Error("endpoint down"))
const succeed = () => Promise.resolve("ok")
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms))

async function fireTimes(breaker: EndpointBreaker, n: number, action: () => Promise<unknown>) {
  for (let i = 0; i < n; i++) await breaker.fire(action).catch(() => undefined)
}

describe("createBreakerRegistry", () => {
  it("keeps a fresh breaker closed through its first failures", async () => {
    const registry = createBreakerRegistry({ volumeThreshold: 10 })
    const breaker = registry.get("ep_1")
    await fireTimes(breaker, 9, fail)
    expect(breaker.state()).toBe("closed")
    registry.close()
  })

  it("opens once the volume threshold is reached with a failure rate over 50%", async () => {
    const registry = createBreakerRegistry({ volumeThreshold: 10 })
    const breaker = registry.get("ep_1")
    await fireTimes(breaker, 10, fail)
    expect(breaker.state()).toBe("open")
    expect(breaker.deferralMs()).toBeGreaterThan(29_000)
    await expect(breaker.fire(succeed)).rejects.toMatchObject({ code: "EOPENBREAKER" })
    registry.close()
  })

  it("does not open while most calls succeed", async () => {
    const registry = createBreakerRegistry({ volumeThreshold: 4 })
    const breaker = registry.get("ep_1")
    await fireTimes(breaker, 6, succeed)
    await fireTimes(breaker, 4, fail)
    expect(breaker.state()).toBe("closed")
    registry.close()
  })

  it("goes half-open after resetTimeout and closes again on a successful trial", async () => {
    const registry = createBreakerRegistry({ volumeThreshold: 2, resetTimeoutMs: 50 })
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
    const registry = createBreakerRegistry({ volumeThreshold: 2, resetTimeoutMs: 50 })
    const breaker = registry.get("ep_1")
    await fireTimes(breaker, 2, fail)
    await sleep(80)
    await fireTimes(breaker, 1, fail)
    expect(breaker.state()).toBe("open")
    registry.close()
  })

  it("returns the same breaker per endpoint and separate ones across endpoints", async () => {
    const registry = createBreakerRegistry({ volumeThreshold: 1 })
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
    const registry = createBreakerRegistry({ maxBreakers: 1_000 })
    const created: EndpointBreaker[] = []
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
    const registry = createBreakerRegistry({ maxBreakers: 2 })
    const a = registry.get("a")
    registry.get("b")
    registry.get("a")
    registry.get("c")
    expect(registry.peek("a")).toBe(a)
    expect(registry.peek("b")).toBeUndefined()
    registry.close()
  })

  it("refuses new breakers after close", () => {
    const registry = createBreakerRegistry()
    registry.close()
    expect(() => registry.get("a")).toThrow(expect.objectContaining({ code: "ERR_WEBHOOK_CLOSED" }))
  })
})
