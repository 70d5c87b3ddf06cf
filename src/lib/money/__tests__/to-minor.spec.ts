import fc from "fast-check"
import { MoneyParseError, MoneyPrecisionError, toMajorString, toMinor } from ".."
import { propertyRuns } from "../../../../integration-tests/helpers/property-runs"

describe("toMinor", () => {
  it.each([
    ["12.5", "USD", 1250n],
    ["12.50", "usd", 1250n],
    ["12", "USD", 1200n],
    ["0.01", "USD", 1n],
    ["-3.07", "EUR", -307n],
    ["1250", "JPY", 1250n],
    ["1.25", "KWD", 1250n],
    ["1.250", "KWD", 1250n],
    [".5", "USD", 50n],
    ["5.", "USD", 500n],
    ["+7", "USD", 700n],
    ["-0", "USD", 0n],
    ["1e3", "JPY", 1000n],
    ["1.5E-2", "KWD", 15n],
  ])("reads %p %s as %p minor units", (major, currency, expected) => {
    expect(toMinor(major, currency)).toBe(expected)
  })

  it("reads scientific notation as String(number) and bignumber.js produce it", () => {
    expect(toMinor(1e21, "USD")).toBe(10n ** 23n)
    expect(toMinor("2.5e-1", "USD")).toBe(25n)
    expect(toMinor("1e-7", "USD", { round: true })).toBe(0n)
  })

  it("accepts numbers only through their shortest decimal string (no float drift)", () => {
    expect(toMinor(0.3, "USD")).toBe(30n)
    expect(toMinor("0.3", "USD")).toBe(30n)
    expect(toMinor(1.1, "USD")).toBe(110n)
    expect(toMinor(19.99, "USD")).toBe(1999n)
    expect(toMinor(1.005, "USD", { round: true })).toBe(101n) // a float multiply gives 100
    // 0.1 + 0.2 is 0.30000000000000004 as a double: too many decimals, so refused, not silently 30.
    expect(() => toMinor(0.1 + 0.2, "USD")).toThrow(MoneyPrecisionError)
    expect(toMinor(0.1 + 0.2, "USD", { round: true })).toBe(30n)
  })

  it("accepts anything with a decimal toString, such as Medusa's BigNumber", () => {
    const bigNumberLike = { toString: () => "42.42" }
    expect(toMinor(bigNumberLike, "USD")).toBe(4242n)
  })

  it("refuses more decimals than the currency has, with a stable code", () => {
    expect(() => toMinor("12.345", "USD")).toThrow(MoneyPrecisionError)
    expect(() => toMinor("0.5", "JPY")).toThrow(expect.objectContaining({ code: "precision_loss" }))
    expect(() => toMinor("1.2345", "KWD")).toThrow(MoneyPrecisionError)
  })

  it("rounds half away from zero only when asked", () => {
    expect(toMinor("12.345", "USD", { round: true })).toBe(1235n)
    expect(toMinor("-12.345", "USD", { round: true })).toBe(-1235n)
    expect(toMinor("12.3449", "USD", { round: true })).toBe(1234n)
    expect(toMinor("0.5", "JPY", { round: true })).toBe(1n)
    expect(toMinor("-0.5", "JPY", { round: true })).toBe(-1n)
    expect(toMinor("1.2345", "KWD", { round: true })).toBe(1235n)
    expect(toMinor("0.015", "USD", { round: true })).toBe(2n)
  })

  it("refuses things that are not decimals", () => {
    for (const bad of ["", "abc", "1.2.3", "1,5", " 1", "1e", "e5", "--1", "0x10", "Infinity", "1e99999"]) {
      expect(() => toMinor(bad, "USD")).toThrow(MoneyParseError)
    }
    expect(() => toMinor(Number.NaN, "USD")).toThrow(expect.objectContaining({ code: "invalid_amount" }))
    expect(() => toMinor(Number.POSITIVE_INFINITY, "USD")).toThrow(MoneyParseError)
    expect(() => toMinor({}, "USD")).toThrow(MoneyParseError)
  })

  it("refuses a bigint, which is already minor units", () => {
    expect(() => toMinor(1250n, "USD")).toThrow(MoneyParseError)
  })
})

describe("toMajorString", () => {
  it.each([
    [1250n, "USD", "12.50"],
    [1250n, "JPY", "1250"],
    [1250n, "KWD", "1.250"],
    [5n, "USD", "0.05"],
    [-5n, "USD", "-0.05"],
    [0n, "USD", "0.00"],
    [0n, "KWD", "0.000"],
    [-1250n, "JPY", "-1250"],
    [7n, "bhd", "0.007"],
  ])("formats %p %s as %p", (minor, currency, expected) => {
    expect(toMajorString(minor, currency)).toBe(expected)
  })
})

describe("toMinor ∘ toMajorString", () => {
  const currencies = fc.constantFrom("JPY", "USD", "EUR", "KWD", "BHD", "CLP")

  it("round-trips every bigint in every exponent", () => {
    fc.assert(
      fc.property(fc.bigInt(), currencies, (minor, currency) => {
        expect(toMinor(toMajorString(minor, currency), currency)).toBe(minor)
      }),
      { numRuns: propertyRuns(500) }
    )
  })

  it("round-trips numbers with at most the currency's decimals, as floats print them", () => {
    fc.assert(
      fc.property(fc.integer({ min: -1e9, max: 1e9 }), currencies, (minorInt, currency) => {
        const major = toMajorString(BigInt(minorInt), currency)
        expect(toMinor(Number(major), currency)).toBe(BigInt(minorInt))
      }),
      { numRuns: propertyRuns(500) }
    )
  })
})
