import { compileRules, NoBasePriceError, priceLine, type PriceRule } from ".."
import { cartLine } from "./builders"

const price = (rules: PriceRule[], overrides: Parameters<typeof cartLine>[0] = {}, currency = "USD") =>
  priceLine(compileRules(rules), cartLine(overrides), currency)

describe("priceLine: fixed_price", () => {
  it("charges the contract price for the variant and says which rule did", () => {
    const line = price(
      [{ id: "cpr_1", type: "fixed_price", target: { variant_id: "var_1" }, unit_price_minor: 1550n }],
      {
        quantity: 3,
      }
    )
    expect(line).toEqual({
      variant_id: "var_1",
      quantity: 3,
      unit_price_minor: 1550n,
      line_total_minor: 4650n,
      rule: { id: "cpr_1", type: "fixed_price", level: "variant" },
      explanation: "Contract price 15.50 USD (rule cpr_1)",
      base_unit_price_minor: 2000n,
    })
  })

  it("matches by sku when the rule names no variant_id", () => {
    const line = price([{ id: "cpr_1", type: "fixed_price", target: { sku: "SKU-1" }, unit_price_minor: 900n }])
    expect(line.unit_price_minor).toBe(900n)
    expect(line.rule?.level).toBe("variant")
  })

  it("needs both variant_id and sku to agree when a target names both", () => {
    const rules: PriceRule[] = [
      { id: "cpr_1", type: "fixed_price", target: { variant_id: "var_1", sku: "OTHER" }, unit_price_minor: 900n },
    ]
    expect(price(rules).rule).toBeNull()
    expect(price(rules, { sku: "OTHER" }).unit_price_minor).toBe(900n)
  })

  it("allows a price of 0 (free item)", () => {
    const line = price([{ id: "cpr_1", type: "fixed_price", target: { variant_id: "var_1" }, unit_price_minor: 0n }], {
      quantity: 4,
    })
    expect(line.line_total_minor).toBe(0n)
  })

  it("does not need a Medusa price", () => {
    const line = price(
      [{ id: "cpr_1", type: "fixed_price", target: { variant_id: "var_1" }, unit_price_minor: 700n }],
      {
        base_unit_price_minor: null,
      }
    )
    expect(line.unit_price_minor).toBe(700n)
    expect(line.base_unit_price_minor).toBeNull()
  })
})

describe("priceLine: volume tiers", () => {
  const volume: PriceRule = {
    id: "cpr_123",
    type: "tiered_price",
    target: { variant_id: "var_1" },
    mode: "volume",
    tiers: [
      { min_quantity: 1, unit_price_minor: 1200n },
      { min_quantity: 10, unit_price_minor: 1100n },
      { min_quantity: 100, unit_price_minor: 950n },
    ],
  }

  it.each([
    [1, 1200n],
    [9, 1200n],
    [10, 1100n],
    [99, 1100n],
    [100, 950n],
    [5000, 950n],
  ])("charges every one of %p units at the tier reached (%p)", (quantity, unit) => {
    const line = price([volume], { quantity })
    expect(line.unit_price_minor).toBe(unit)
    expect(line.line_total_minor).toBe(unit * BigInt(quantity))
    expect(line.rounding).toBeUndefined()
  })

  it("explains the tier reached", () => {
    const line = price([volume], { quantity: 150 })
    expect(line.rule).toEqual({ id: "cpr_123", type: "tiered_price", level: "variant", mode: "volume" })
    expect(line.explanation).toBe("Volume tier 100+ at 9.50 USD (rule cpr_123)")
  })
})

describe("priceLine: graduated tiers", () => {
  const graduated: PriceRule = {
    id: "cpr_g",
    type: "tiered_price",
    target: { variant_id: "var_1" },
    mode: "graduated",
    tiers: [
      { min_quantity: 1, unit_price_minor: 1000n },
      { min_quantity: 10, unit_price_minor: 900n },
      { min_quantity: 50, unit_price_minor: 800n },
    ],
  }

  it("charges each band at its own price when it divides evenly", () => {
    // 9 × 10.00 + 3 × 9.00 = 117.00 = 12 × 9.75
    const line = price([graduated], { quantity: 12 })
    expect(line.unit_price_minor).toBe(975n)
    expect(line.line_total_minor).toBe(11700n)
    expect(line.rounding).toEqual({ exact_total_minor: 11700n, line_total_minor: 11700n, rounding_delta_minor: 0n })
  })

  it("rounds the unit price once and records the delta when it does not", () => {
    // 9 × 1000 + 2 × 900 = 10800 over 11 units = 981.81… → 982; 982 × 11 = 10802
    const line = price([graduated], { quantity: 11 })
    expect(line.unit_price_minor).toBe(982n)
    expect(line.line_total_minor).toBe(10802n)
    expect(line.rounding).toEqual({ exact_total_minor: 10800n, line_total_minor: 10802n, rounding_delta_minor: 2n })
    expect(line.explanation).toBe(
      "Graduated tiers: 9 × 10.00 USD (1–9) + 2 × 9.00 USD (10–49) = 108.00 USD; " +
        "charged 11 × 9.82 USD = 108.02 USD, rounding +0.02 USD (rule cpr_g)"
    )
  })

  it("uses the open top band", () => {
    // 9 × 1000 + 40 × 900 + 11 × 800 = 53800 over 60 = 896.66… → 897
    const line = price([graduated], { quantity: 60 })
    expect(line.rounding?.exact_total_minor).toBe(53800n)
    expect(line.unit_price_minor).toBe(897n)
    expect(line.explanation).toContain("11 × 8.00 USD (50+)")
  })

  it("is the first tier's price below the second tier", () => {
    expect(price([graduated], { quantity: 9 }).unit_price_minor).toBe(1000n)
  })
})

describe("priceLine: discounts", () => {
  const percent = (
    id: string,
    scope: "product" | "category" | "collection" | "catalogue",
    value: string,
    scopeId?: string
  ): PriceRule => ({ id, type: "discount", scope, scope_id: scopeId, kind: "percentage", value })

  it("takes a percentage off Medusa's price, rounding once half away from zero", () => {
    // 1999 × 0.875 = 1749.125 → 1749
    const line = price([percent("cpr_p", "product", "12.5", "prod_1")], { base_unit_price_minor: 1999n, quantity: 2 })
    expect(line.unit_price_minor).toBe(1749n)
    expect(line.line_total_minor).toBe(3498n)
    expect(line.rule).toEqual({ id: "cpr_p", type: "discount", level: "product", kind: "percentage" })
    expect(line.explanation).toBe("12.5% off product prod_1: 19.99 USD → 17.49 USD (rule cpr_p)")
  })

  it("rounds an exact half away from zero", () => {
    // 1 × 50 % = 0.5 → 1
    expect(price([percent("c", "catalogue", "50")], { base_unit_price_minor: 1n }).unit_price_minor).toBe(1n)
    // 3 × 50 % = 1.5 → 2
    expect(price([percent("c", "catalogue", "50")], { base_unit_price_minor: 3n }).unit_price_minor).toBe(2n)
  })

  it("handles 4-decimal percentages and 100 %", () => {
    // 10000 × (100 − 33.3333) / 100 = 6666.67 → 6667
    expect(price([percent("c", "catalogue", "33.3333")], { base_unit_price_minor: 10000n }).unit_price_minor).toBe(
      6667n
    )
    expect(price([percent("c", "catalogue", "100")]).unit_price_minor).toBe(0n)
  })

  it("takes a fixed amount off the unit price, never below 0", () => {
    const off = (value: bigint): PriceRule => ({
      id: "cpr_f",
      type: "discount",
      scope: "category",
      scope_id: "cat_1",
      kind: "fixed_amount",
      value,
    })
    expect(price([off(250n)]).unit_price_minor).toBe(1750n)
    const floored = price([off(2500n)], { quantity: 3 })
    expect(floored.unit_price_minor).toBe(0n)
    expect(floored.line_total_minor).toBe(0n)
    expect(floored.explanation).toBe("25.00 USD off category cat_1: 20.00 USD → 0.00 USD (floored at 0) (rule cpr_f)")
  })

  it("describes a catalogue discount", () => {
    expect(price([percent("cpr_c", "catalogue", "10")]).explanation).toBe(
      "10% off the catalogue: 20.00 USD → 18.00 USD (rule cpr_c)"
    )
  })

  it("refuses to discount a variant without a Medusa price, naming it", () => {
    const attempt = () => price([percent("cpr_p", "product", "10", "prod_1")], { base_unit_price_minor: null })
    expect(attempt).toThrow(NoBasePriceError)
    expect(attempt).toThrow(expect.objectContaining({ code: "no_base_price", variant_id: "var_1", rule_id: "cpr_p" }))
  })
})

describe("priceLine: no rule", () => {
  it("keeps Medusa's price and records no rule", () => {
    const line = price([], { quantity: 3, base_unit_price_minor: 1234n })
    expect(line.unit_price_minor).toBe(1234n)
    expect(line.line_total_minor).toBe(3702n)
    expect(line.rule).toBeNull()
    expect(line.explanation).toBe("No contract rule; Medusa price 12.34 USD")
  })

  it("refuses a line with neither a rule nor a Medusa price", () => {
    expect(() => price([], { base_unit_price_minor: null })).toThrow(
      expect.objectContaining({ code: "no_base_price", variant_id: "var_1", rule_id: null })
    )
  })
})

describe("priceLine: malformed input", () => {
  it.each([0, -1, 1.5, Number.NaN])("refuses quantity %p", (quantity) => {
    expect(() => price([], { quantity })).toThrow(expect.objectContaining({ code: "invalid_line", field: "quantity" }))
  })

  it("refuses a base price that is not a bigint", () => {
    expect(() => price([], { base_unit_price_minor: 12.5 as unknown as bigint })).toThrow(
      expect.objectContaining({ code: "invalid_line", field: "base_unit_price_minor" })
    )
  })

  it("refuses a malformed currency", () => {
    expect(() => price([], {}, "US")).toThrow(expect.objectContaining({ code: "invalid_currency" }))
  })
})
