import fc from "fast-check"
import { parseRetryAfter, retryDelayMs } from "../../../lib/http/retry"

const NOW = Date.parse("2025-03-14T16:20:00.000Z")

describe("parseRetryAfter", () => {
  it("reads delay-seconds", () => {
    expect(parseRetryAfter("2", NOW)).toBe(2000)
    expect(parseRetryAfter(" 120 ", NOW)).toBe(120_000)
    expect(parseRetryAfter(["3"], NOW)).toBe(3000)
  })

  it("reads an HTTP-date relative to now", () => {
    expect(parseRetryAfter(new Date(NOW + 7000).toUTCString(), NOW)).toBe(7000)
  })

  it("treats a date in the past as 0 and junk as absent", () => {
    expect(parseRetryAfter(new Date(NOW - 60_000).toUTCString(), NOW)).toBe(0)
    expect(parseRetryAfter("soon", NOW)).toBeUndefined()
    expect(parseRetryAfter("-1", NOW)).toBeUndefined()
    expect(parseRetryAfter(undefined, NOW)).toBeUndefined()
  })
})

describe("retryDelayMs", () => {
  const policy = { baseDelayMs: 100, maxDelayMs: 5000 }

  it("is full jitter within [0, min(cap, base × 2^attempt)]", () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 30 }), fc.double({ min: 0, max: 0.999999, noNaN: true }), (attempt, r) => {
        const delay = retryDelayMs(attempt, policy, () => r)
        expect(delay).toBeGreaterThanOrEqual(0)
        expect(delay).toBeLessThanOrEqual(Math.min(5000, 100 * 2 ** attempt))
      })
    )
  })

  it("never comes back before Retry-After", () => {
    expect(retryDelayMs(0, policy, () => 0.99, 2000)).toBe(2000)
    expect(retryDelayMs(10, policy, () => 0.9, 10)).toBe(4500)
  })
})
