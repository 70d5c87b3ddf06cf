import fc from "fast-check"
import { MoneyDivisionByZeroError, mulDivRound, roundHalfAwayFromZero } from ".."

describe("roundHalfAwayFromZero", () => {
  it.each([
    [5n, 2n, 3n],
    [4n, 2n, 2n],
    [7n, 3n, 2n],
    [8n, 3n, 3n],
    [-5n, 2n, -3n],
    [-7n, 3n, -2n],
    [-8n, 3n, -3n],
    [5n, -2n, -3n],
    [-5n, -2n, 3n],
    [1n, 3n, 0n],
    [0n, 7n, 0n],
    [249n, 100n, 2n],
    [250n, 100n, 3n],
    [-250n, 100n, -3n],
  ])("rounds %p / %p to %p", (n, d, expected) => {
    expect(roundHalfAwayFromZero(n, d)).toBe(expected)
  })

  it("refuses a zero denominator with a stable code", () => {
    expect(() => roundHalfAwayFromZero(1n, 0n)).toThrow(MoneyDivisionByZeroError)
    expect(() => roundHalfAwayFromZero(1n, 0n)).toThrow(expect.objectContaining({ code: "division_by_zero" }))
  })

  const nonZero = fc.bigInt().filter((d) => d !== 0n)

  it("is symmetric for negatives: round(-x) = -round(x)", () => {
    fc.assert(
      fc.property(fc.bigInt(), nonZero, (n, d) => {
        expect(roundHalfAwayFromZero(-n, d)).toBe(-roundHalfAwayFromZero(n, d))
        expect(roundHalfAwayFromZero(n, -d)).toBe(-roundHalfAwayFromZero(n, d))
      })
    )
  })

  it("is within half a unit of the exact quotient, and ties go away from zero", () => {
    fc.assert(
      fc.property(fc.bigInt(), nonZero, (n, d) => {
        const r = roundHalfAwayFromZero(n, d)
        const abs = (x: bigint) => (x < 0n ? -x : x)
        // |r − n/d| ≤ 1/2  ⇔  |2(r·d − n)| ≤ |d|
        const twiceError = abs(2n * (r * d - n))
        expect(twiceError <= abs(d)).toBe(true)
        if (twiceError === abs(d)) {
          // Exactly half: the result is the one farther from zero.
          expect(abs(r) * abs(d) > abs(n)).toBe(true)
        }
      })
    )
  })

  it("leaves exact quotients alone", () => {
    fc.assert(
      fc.property(fc.bigInt(), nonZero, (q, d) => {
        expect(roundHalfAwayFromZero(q * d, d)).toBe(q)
      })
    )
  })
})

describe("mulDivRound", () => {
  it("multiplies before dividing so nothing is lost in between", () => {
    // 1999 × 875 / 1000 = 1749.125 → 1749
    expect(mulDivRound(1999n, 875n, 1000n)).toBe(1749n)
    // 1 × 1 / 3 would be 0 if divided first
    expect(mulDivRound(10n, 1n, 4n)).toBe(3n)
    expect(mulDivRound(-10n, 1n, 4n)).toBe(-3n)
  })

  it("equals roundHalfAwayFromZero(a × b, c)", () => {
    fc.assert(
      fc.property(
        fc.bigInt(),
        fc.bigInt(),
        fc.bigInt().filter((c) => c !== 0n),
        (a, b, c) => {
          expect(mulDivRound(a, b, c)).toBe(roundHalfAwayFromZero(a * b, c))
        }
      )
    )
  })
})
