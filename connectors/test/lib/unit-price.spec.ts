import fc from "fast-check"
import { unitPriceFor } from "../../lib/unit-price"

describe("unitPriceFor", () => {
  it("takes the price as priced when quantity × it is exactly the amount, also finer than the currency", () => {
    expect(unitPriceFor(4050n, 4, "USD", "10.125")).toEqual({ text: "10.125", extendedMinor: 4050n, exact: true })
    expect(unitPriceFor(370350n, 3, "USD", "1234.5")).toEqual({ text: "1234.50", extendedMinor: 370350n, exact: true })
    expect(unitPriceFor(1500n, 3, "JPY", "500")).toEqual({ text: "500", extendedMinor: 1500n, exact: true })
  })

  it("divides the amount when the price as priced does not multiply out (gross, discounted, too fine)", () => {
    expect(unitPriceFor(1000n, 1, "EUR", "11")).toEqual({ text: "10.00", extendedMinor: 1000n, exact: true })
    expect(unitPriceFor(12_345n, 5, "KWD", "2.4691234567")).toEqual({
      text: "2.469",
      extendedMinor: 12_345n,
      exact: true,
    })
  })

  it("rounds up to the minor unit when the amount does not divide, never below the amount", () => {
    expect(unitPriceFor(1000n, 3, "USD")).toEqual({ text: "3.34", extendedMinor: 1002n, exact: false })
    expect(unitPriceFor(0n, 0, "USD")).toEqual({ text: "0.00", extendedMinor: 0n, exact: true })
  })

  it("property: quantity × price covers the amount by less than one minor unit per unit", () => {
    fc.assert(
      fc.property(
        fc.bigInt({ min: 0n, max: 10n ** 12n }),
        fc.integer({ min: 1, max: 1000 }),
        fc.constantFrom("USD", "JPY", "KWD", "ISK"),
        (amount, quantity, currency) => {
          const price = unitPriceFor(amount, quantity, currency)
          expect(price.extendedMinor - amount >= 0n && price.extendedMinor - amount < BigInt(quantity)).toBe(true)
          expect(price.exact).toBe(price.extendedMinor === amount)
        }
      )
    )
  })
})
