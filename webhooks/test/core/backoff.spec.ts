import fc from "fast-check"
import { backoffDelayMs, jitter, JITTER_RATIO } from "../../core"

const arbRandom = fc.double({ min: 0, max: 1, maxExcluded: true, noNaN: true })

describe("jitter", () => {
  it("spreads a delay uniformly over ±20 %", () => {
    expect(JITTER_RATIO).toBe(0.2)
    expect(jitter(5_000, () => 0)).toBe(4_000)
    expect(jitter(5_000, () => 0.5)).toBe(5_000)
    expect(jitter(5_000, () => 0.999999)).toBeCloseTo(6_000, 0)
  })
})

describe("backoffDelayMs", () => {
  const policy = { baseMs: 100, capMs: 5_000 }

  it("doubles from the base for each retry", () => {
    expect([0, 1, 2, 3].map((retry) => backoffDelayMs(retry, policy, () => 0.5))).toEqual([100, 200, 400, 800])
  })

  it("never waits more than the cap, jitter included", () => {
    expect(backoffDelayMs(10, policy, () => 0.999999)).toBe(5_000)
    expect(backoffDelayMs(10, policy, () => 0)).toBe(4_000)
  })

  it("stays within ±20 % of min(cap, base × 2^retry), under the cap, in whole ms", () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: 40 }),
        fc.integer({ min: 1, max: 60_000 }),
        fc.integer({ min: 1, max: 3_600_000 }),
        arbRandom,
        (retry, baseMs, capMs, r) => {
          const delay = backoffDelayMs(retry, { baseMs, capMs }, () => r)
          const nominal = Math.min(capMs, baseMs * 2 ** retry)
          return (
            Number.isInteger(delay) &&
            delay >= Math.floor(nominal * (1 - JITTER_RATIO)) &&
            delay <= Math.min(capMs, Math.ceil(nominal * (1 + JITTER_RATIO)))
          )
        }
      )
    )
  })

  it("grows with the random draw", () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 20 }), arbRandom, arbRandom, (retry, a, b) => {
        const [lo, hi] = [Math.min(a, b), Math.max(a, b)]
        return backoffDelayMs(retry, policy, () => lo) <= backoffDelayMs(retry, policy, () => hi)
      })
    )
  })
})
