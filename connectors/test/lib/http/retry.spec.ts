import fc from "fast-check"
import { retryDelayMs } from "../../../lib/http/retry"

describe("retryDelayMs", () => {
  const policy = { baseDelayMs: 100, maxDelayMs: 5000 }

  it("jitters ±20 % around min(cap, base × 2^attempt), never above the cap", () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 30 }), fc.double({ min: 0, max: 0.999999, noNaN: true }), (attempt, r) => {
        const delay = retryDelayMs(attempt, policy, () => r)
        const nominal = Math.min(5000, 100 * 2 ** attempt)
        expect(delay).toBeGreaterThanOrEqual(Math.floor(0.8 * nominal))
        expect(delay).toBeLessThanOrEqual(Math.min(5000, Math.ceil(1.2 * nominal)))
      })
    )
  })

  it("never comes back before Retry-After", () => {
    expect(retryDelayMs(0, policy, () => 0.99, 2000)).toBe(2000)
    expect(retryDelayMs(10, policy, () => 0.9, 10)).toBe(5000)
  })
})
