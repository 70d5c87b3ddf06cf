import { compileRules, priceLine, QuantityRuleError, type PriceRule } from ".."
import { cartLine } from "./builders"

const constraint = (
  min_quantity?: number,
  increment?: number,
  target: { variant_id?: string; sku?: string } = { variant_id: "var_1" }
): PriceRule => ({
  id: "qc_1",
  type: "quantity_constraint",
  target,
  min_quantity,
  increment,
})

function orderQuantity(rules: PriceRule[], quantity: number) {
  return () => priceLine(compileRules(rules), cartLine({ quantity }), "USD")
}

describe("quantity constraints", () => {
  it("refuses less than the minimum order quantity, naming variant, minimum and quantity", () => {
    const attempt = orderQuantity([constraint(12)], 5)
    expect(attempt).toThrow(QuantityRuleError)
    expect(attempt).toThrow(
      expect.objectContaining({
        code: "below_minimum_quantity",
        variant_id: "var_1",
        min_quantity: 12,
        quantity: 5,
        rule_id: "qc_1",
      })
    )
    expect(attempt).toThrow("Variant var_1: quantity 5 is below the minimum order quantity of 12 (rule qc_1)")
  })

  it("accepts the minimum and anything above it without an increment", () => {
    expect(orderQuantity([constraint(12)], 12)).not.toThrow()
    expect(orderQuantity([constraint(12)], 13)).not.toThrow()
  })

  it("counts increments from the minimum", () => {
    for (const ok of [10, 15, 20, 105]) expect(orderQuantity([constraint(10, 5)], ok)).not.toThrow()
    const attempt = orderQuantity([constraint(10, 5)], 17)
    expect(attempt).toThrow(
      expect.objectContaining({
        code: "invalid_quantity_increment",
        increment: 5,
        min_quantity: 10,
        nearest_valid: { below: 15, above: 20 },
      })
    )
    expect(attempt).toThrow(
      "Variant var_1: quantity 17 is not orderable (10 then steps of 5); order 15 or 20 instead (rule qc_1)"
    )
    // min 3, step 4 → 3, 7, 11…
    expect(orderQuantity([constraint(3, 4)], 7)).not.toThrow()
    expect(orderQuantity([constraint(3, 4)], 8)).toThrow(
      expect.objectContaining({ nearest_valid: { below: 7, above: 11 } })
    )
  })

  it("uses multiples of the increment without a minimum", () => {
    for (const ok of [6, 12, 600]) expect(orderQuantity([constraint(undefined, 6)], ok)).not.toThrow()
    expect(orderQuantity([constraint(undefined, 6)], 13)).toThrow(
      expect.objectContaining({ nearest_valid: { below: 12, above: 18 } })
    )
    expect(orderQuantity([constraint(undefined, 6)], 4)).toThrow(
      expect.objectContaining({ nearest_valid: { below: null, above: 6 } })
    )
  })

  it("checks the minimum before the increment", () => {
    expect(orderQuantity([constraint(10, 5)], 3)).toThrow(expect.objectContaining({ code: "below_minimum_quantity" }))
  })

  it("applies whatever rule prices the line", () => {
    const rules: PriceRule[] = [
      constraint(10),
      { id: "fp", type: "fixed_price", target: { variant_id: "var_1" }, unit_price_minor: 100n },
    ]
    expect(orderQuantity(rules, 5)).toThrow(QuantityRuleError)
    expect(
      orderQuantity(
        [constraint(10), { id: "cat", type: "discount", scope: "catalogue", kind: "percentage", value: "5" }],
        5
      )
    ).toThrow(QuantityRuleError)
  })

  it("matches constraints by sku too, and ignores other variants' constraints", () => {
    expect(orderQuantity([constraint(10, undefined, { sku: "SKU-1" })], 5)).toThrow(QuantityRuleError)
    expect(orderQuantity([constraint(10, undefined, { variant_id: "var_2" })], 5)).not.toThrow()
  })

  it("requires every matching constraint to hold", () => {
    const rules: PriceRule[] = [
      { id: "qc_variant", type: "quantity_constraint", target: { variant_id: "var_1" }, min_quantity: 2 },
      { id: "qc_sku", type: "quantity_constraint", target: { sku: "SKU-1" }, increment: 4 },
    ]
    expect(orderQuantity(rules, 1)).toThrow(expect.objectContaining({ rule_id: "qc_variant" }))
    expect(orderQuantity(rules, 6)).toThrow(expect.objectContaining({ rule_id: "qc_sku" }))
    expect(orderQuantity(rules, 8)).not.toThrow()
  })
})
