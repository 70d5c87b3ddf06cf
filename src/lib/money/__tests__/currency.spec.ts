import { currencyExponent, InvalidCurrencyError } from ".."

describe("currencyExponent", () => {
  it.each([
    "BIF",
    "CLP",
    "DJF",
    "GNF",
    "ISK",
    "JPY",
    "KMF",
    "KRW",
    "PYG",
    "RWF",
    "UGX",
    "UYI",
    "VND",
    "VUV",
    "XAF",
    "XOF",
    "XPF",
  ])("gives 0 for %s", (code) => expect(currencyExponent(code)).toBe(0))

  it.each(["BHD", "IQD", "JOD", "KWD", "LYD", "OMR", "TND"])("gives 3 for %s", (code) =>
    expect(currencyExponent(code)).toBe(3)
  )

  it.each(["USD", "EUR", "GBP", "CHF", "MXN"])("gives 2 for %s", (code) => expect(currencyExponent(code)).toBe(2))

  it("ignores case", () => {
    expect(currencyExponent("jpy")).toBe(0)
    expect(currencyExponent("Kwd")).toBe(3)
    expect(currencyExponent("usd")).toBe(2)
  })

  it("refuses codes that are not three letters", () => {
    for (const bad of ["", "US", "USDT", "U$D", "12 "]) {
      expect(() => currencyExponent(bad)).toThrow(InvalidCurrencyError)
    }
    expect(() => currencyExponent("")).toThrow(expect.objectContaining({ code: "invalid_currency" }))
  })
})
