import fc from "fast-check"
import { partOf, rankFor, splitLimit } from "../index"

const arbWorkers = fc.integer({ min: 1, max: 64 })
const arbLimit = fc.integer({ min: 1, max: 10_000 })
const arbEndpointId = fc.string({ minLength: 1, maxLength: 40 })
const ranks = (n: number) => Array.from({ length: n }, (_, r) => r)
const sum = (xs: number[]) => xs.reduce((a, b) => a + b, 0)

describe("splitLimit", () => {
  it("gives N workers parts that add up to exactly the limit and differ by at most one", () => {
    fc.assert(
      fc.property(arbLimit, arbWorkers, (limit, workers) => {
        const parts = ranks(workers).map((r) => splitLimit(limit, workers, r))
        expect(sum(parts)).toBe(limit)
        expect(Math.max(...parts) - Math.min(...parts)).toBeLessThanOrEqual(1)
        expect(Math.min(...parts)).toBeGreaterThanOrEqual(0)
      }),
      { numRuns: 2_000, seed: 20261207 }
    )
  })

  it("gives the extra units to the first ranks: 3 over 2 workers is 2 + 1, 1 over 3 is 1 + 0 + 0", () => {
    expect(ranks(2).map((r) => splitLimit(3, 2, r))).toEqual([2, 1])
    expect(ranks(3).map((r) => splitLimit(1, 3, r))).toEqual([1, 0, 0])
    expect(ranks(3).map((r) => splitLimit(20, 3, r))).toEqual([7, 7, 6])
  })
})

describe("rankFor and partOf", () => {
  it("rotates ranks per endpoint as a permutation, so every endpoint's parts still add up to its limit", () => {
    fc.assert(
      fc.property(arbEndpointId, arbLimit, arbWorkers, (id, limit, workers) => {
        const rankOf = ranks(workers).map((index) => rankFor(id, { workers, index }))
        expect(new Set(rankOf).size).toBe(workers)
        const parts = rankOf.map((rank) => partOf(limit, workers, rank))
        expect(sum(parts)).toBe(limit)
        expect(Math.max(...parts) - Math.min(...parts)).toBeLessThanOrEqual(1)
      }),
      { numRuns: 2_000, seed: 20261208 }
    )
  })

  it("gives a fractional limit whole to one worker", () => {
    fc.assert(
      fc.property(fc.double({ min: 0.01, max: 100, noNaN: true }), arbWorkers, (limit, workers) => {
        fc.pre(!Number.isInteger(limit))
        const parts = ranks(workers).map((rank) => partOf(limit, workers, rank))
        expect(parts.filter((p) => p > 0)).toEqual([limit])
      }),
      { numRuns: 500, seed: 20261209 }
    )
  })

  it("spreads the only unit of many limits of 1 over the workers instead of giving them all to one", () => {
    const workers = 4
    const holders = new Map<number, number>()
    for (let i = 0; i < 400; i++) {
      const id = `ep_${i.toString(36).padStart(6, "0")}`
      const holder = ranks(workers).find((index) => partOf(1, workers, rankFor(id, { workers, index })) === 1)!
      holders.set(holder, (holders.get(holder) ?? 0) + 1)
    }
    expect(holders.size).toBe(workers)
    for (const count of holders.values()) expect(count).toBeGreaterThan(50)
  })
})
