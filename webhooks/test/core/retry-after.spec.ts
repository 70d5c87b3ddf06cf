import fc from "fast-check"
import { honourRetryAfter, parseRetryAfter } from "../../core"

// One parser for webhook responses and ERP responses: the cases of both former specs.
describe("parseRetryAfter", () => {
  const now = Date.parse("2026-03-01T12:00:00Z")
  const NOW = Date.parse("2025-03-14T16:20:00.000Z")

  it("reads delta-seconds", () => {
    expect(parseRetryAfter("120", now)).toBe(120_000)
    expect(parseRetryAfter(" 0 ", now)).toBe(0)
    expect(parseRetryAfter("2", NOW)).toBe(2000)
    expect(parseRetryAfter(" 120 ", NOW)).toBe(120_000)
  })

  it("reads the first value of a repeated header", () => {
    expect(parseRetryAfter(["3"], NOW)).toBe(3000)
  })

  it("reads an HTTP date relative to now, never negative", () => {
    expect(parseRetryAfter("Sun, 01 Mar 2026 12:01:30 GMT", now)).toBe(90_000)
    expect(parseRetryAfter("Sun, 01 Mar 2026 11:00:00 GMT", now)).toBe(0)
    expect(parseRetryAfter(new Date(NOW + 7000).toUTCString(), NOW)).toBe(7000)
    expect(parseRetryAfter(new Date(NOW - 60_000).toUTCString(), NOW)).toBe(0)
  })

  it("ignores absent or malformed values (negatives, decimals, words)", () => {
    expect(parseRetryAfter(undefined, now)).toBeUndefined()
    expect(parseRetryAfter(null, now)).toBeUndefined()
    expect(parseRetryAfter([], now)).toBeUndefined()
    expect(parseRetryAfter("-5", now)).toBeUndefined()
    expect(parseRetryAfter("-1", NOW)).toBeUndefined()
    expect(parseRetryAfter("1.5", now)).toBeUndefined()
    expect(parseRetryAfter("soon", now)).toBeUndefined()
    expect(parseRetryAfter("soon", NOW)).toBeUndefined()
  })
})

describe("honourRetryAfter", () => {
  it("keeps the backoff without a Retry-After", () => {
    expect(honourRetryAfter(5_000, undefined)).toBe(5_000)
    expect(honourRetryAfter(5_000, undefined, { minMs: 10_000 })).toBe(5_000)
  })

  it("never comes back earlier than asked, and a short Retry-After never shortens the backoff", () => {
    expect(honourRetryAfter(5_000, 7_000)).toBe(7_000)
    expect(honourRetryAfter(5_000, 1_000)).toBe(5_000)
  })

  it("raises the asked wait to minMs and cuts it to maxMs", () => {
    expect(honourRetryAfter(100, 0, { minMs: 1_000 })).toBe(1_000)
    expect(honourRetryAfter(100, 3_600_000, { maxMs: 600_000 })).toBe(600_000)
    expect(honourRetryAfter(100, -5)).toBe(100)
  })

  it("lies in [backoff, max(backoff, maxMs)] and honours the asked wait within the bounds", () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: 1e7 }),
        fc.integer({ min: 0, max: 1e8 }),
        fc.integer({ min: 0, max: 5_000 }),
        fc.integer({ min: 5_000, max: 1e7 }),
        (backoff, asked, minMs, maxMs) => {
          const delay = honourRetryAfter(backoff, asked, { minMs, maxMs })
          return (
            delay >= backoff && delay <= Math.max(backoff, maxMs) && delay >= Math.min(Math.max(asked, minMs), maxMs)
          )
        }
      )
    )
  })
})
