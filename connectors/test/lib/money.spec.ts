import fc from "fast-check"
import { ErpConfigError } from "../../lib/errors"
import { JsonDecimal, stringifyJson } from "../../lib/json"
import { currencyExponent, formatMinor, netLineMinor, sumMinor } from "../../lib/money"

describe("formatMinor", () => {
  it.each([
    ["1999", "USD", "19.99"],
    ["5", "usd", "0.05"],
    ["0", "EUR", "0.00"],
    ["-250", "GBP", "-2.50"],
    ["500", "JPY", "500"],
    ["1234", "KWD", "1.234"],
    ["-5", "BHD", "-0.005"],
    ["7", "JOD", "0.007"],
  ])("formats %s %s as %s", (minor, currency, expected) => {
    expect(formatMinor(minor, currency)).toBe(expected)
  })

  it("stays exact beyond 2^53 minor units", () => {
    expect(formatMinor("123456789012345678901", "USD")).toBe("1234567890123456789.01")
    expect(formatMinor(10n ** 20n + 1n, "USD")).toBe("1000000000000000000.01")
  })

  it("rejects floats and junk as ErpConfigError", () => {
    expect(() => formatMinor("19.99", "USD")).toThrow(ErpConfigError)
    expect(() => formatMinor("1e3", "USD")).toThrow(ErpConfigError)
    expect(() => formatMinor(19.99 as unknown as string, "USD")).toThrow(ErpConfigError)
  })

  it("round-trips: the decimal text parses back to the same minor units", () => {
    fc.assert(
      fc.property(
        fc.bigInt({ min: -(10n ** 24n), max: 10n ** 24n }),
        fc.constantFrom("USD", "JPY", "KWD", "EUR", "CLP", "OMR"),
        (minor, currency) => {
          const text = formatMinor(minor, currency)
          const exponent = currencyExponent(currency)
          const [whole, fraction = ""] = text.replace("-", "").split(".")
          expect(fraction.length).toBe(exponent)
          const back = BigInt(whole! + fraction) * (text.startsWith("-") ? -1n : 1n)
          expect(back).toBe(minor)
        }
      )
    )
  })

  it("knows the exponents: JPY 0, KWD/BHD/JOD/OMR/TND/IQD/LYD 3, default 2", () => {
    expect(currencyExponent("jpy")).toBe(0)
    for (const c of ["KWD", "BHD", "JOD", "OMR", "TND", "IQD", "LYD"]) expect(currencyExponent(c)).toBe(3)
    expect(currencyExponent("CHF")).toBe(2)
  })

  it("sums and nets lines exactly", () => {
    expect(sumMinor(["1", 2n, "-3"])).toBe(0n)
    expect(netLineMinor({ total_minor: "24827", tax_minor: "1839" })).toBe(22988n)
  })
})

describe("stringifyJson", () => {
  it("writes JsonDecimal verbatim as a JSON number and drops undefined", () => {
    const text = stringifyJson({
      a: new JsonDecimal("1234567890123456789.01"),
      b: undefined,
      c: [new JsonDecimal("0.10"), "x", null],
    })
    expect(text).toBe('{"a":1234567890123456789.01,"c":[0.10,"x",null]}')
  })

  it("refuses a non-decimal", () => {
    expect(() => new JsonDecimal("1e5")).toThrow(TypeError)
  })
})
