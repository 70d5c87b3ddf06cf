import { compileRules, priceLine, type PriceRule } from ".."
import { cartLine } from "./builders"

const graduated: PriceRule = {
  id: "cpr_g",
  type: "tiered_price",
  target: { variant_id: "var_1" },
  mode: "graduated",
  tiers: [
    { min_quantity: 1, unit_price_minor: 1000n },
    { min_quantity: 4, unit_price_minor: 995n },
  ],
}
const sevenAndHalfPercentOff: PriceRule = {
  id: "cpr_p",
  type: "discount",
  scope: "catalogue",
  kind: "percentage",
  value: "7.5",
}

describe("pricing in 0-, 2- and 3-decimal currencies", () => {
  // Minor units are the same integers in every currency; only their meaning and formatting differ.
  it.each([
    ["JPY", "Contract price 1550 JPY (rule cpr_1)"],
    ["USD", "Contract price 15.50 USD (rule cpr_1)"],
    ["KWD", "Contract price 1.550 KWD (rule cpr_1)"],
  ])("formats a fixed price in %s", (currency, explanation) => {
    const rule: PriceRule = {
      id: "cpr_1",
      type: "fixed_price",
      target: { variant_id: "var_1" },
      unit_price_minor: 1550n,
    }
    expect(priceLine(compileRules([rule]), cartLine(), currency).explanation).toBe(explanation)
  })

  it("rounds a JPY percentage discount to whole yen", () => {
    // ¥1,333 × 92.5 % = ¥1,233.025 → ¥1,233
    const line = priceLine(
      compileRules([sevenAndHalfPercentOff]),
      cartLine({ base_unit_price_minor: 1333n, quantity: 3 }),
      "jpy"
    )
    expect(line.unit_price_minor).toBe(1233n)
    expect(line.line_total_minor).toBe(3699n)
    expect(line.explanation).toBe("7.5% off the catalogue: 1333 JPY → 1233 JPY (rule cpr_p)")
  })

  it("rounds a KWD percentage discount to whole fils", () => {
    // 12.345 KWD × 92.5 % = 11.419125 → 11.419
    const line = priceLine(compileRules([sevenAndHalfPercentOff]), cartLine({ base_unit_price_minor: 12345n }), "KWD")
    expect(line.unit_price_minor).toBe(11419n)
    expect(line.explanation).toBe("7.5% off the catalogue: 12.345 KWD → 11.419 KWD (rule cpr_p)")
  })

  it("rounds a USD percentage half away from zero at the cent", () => {
    // 10.10 × 92.5 % = 9.3425 → 9.34 ; 0.10 × 92.5 % = 0.0925 → 0.09; 0.20 × 92.5 % = 0.185 → 0.19
    const price = (base: bigint) =>
      priceLine(compileRules([sevenAndHalfPercentOff]), cartLine({ base_unit_price_minor: base }), "USD")
        .unit_price_minor
    expect(price(1010n)).toBe(934n)
    expect(price(10n)).toBe(9n)
    expect(price(20n)).toBe(19n)
  })

  it.each([
    // 3 × 1000 + 2 × 995 = 4990 over 5 = 998 exactly
    ["JPY", 5, 998n, 0n, "rounding 0 JPY"],
    // 3 × 1000 + 4 × 995 = 6980 over 7 = 997.14… → 997; 997 × 7 = 6979
    ["USD", 7, 997n, -1n, "rounding -0.01 USD"],
    ["KWD", 7, 997n, -1n, "rounding -0.001 KWD"],
  ])("spreads graduated bands in %s over %p units", (currency, quantity, unit, delta, rounding) => {
    const line = priceLine(compileRules([graduated]), cartLine({ quantity }), currency)
    expect(line.unit_price_minor).toBe(unit)
    expect(line.rounding?.rounding_delta_minor).toBe(delta)
    expect(line.explanation).toContain(rounding)
  })
})
