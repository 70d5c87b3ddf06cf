import { compileRules, priceCart, priceLine, type CartLineInput, type PriceRule } from ".."
import { cartLine } from "./builders"

describe("priceCart", () => {
  const rules: PriceRule[] = [
    { id: "fp", type: "fixed_price", target: { variant_id: "var_1" }, unit_price_minor: 1500n },
    { id: "cat", type: "discount", scope: "catalogue", kind: "percentage", value: "10" },
  ]

  it("prices every line and adds their totals", () => {
    const lines = [
      cartLine({ quantity: 2 }),
      cartLine({ variant_id: "var_2", sku: "SKU-2", quantity: 3, base_unit_price_minor: 1000n }),
    ]
    const cart = priceCart(compileRules(rules), lines, "USD")
    expect(cart.lines.map((l) => [l.variant_id, l.unit_price_minor, l.line_total_minor, l.rule?.id])).toEqual([
      ["var_1", 1500n, 3000n, "fp"],
      ["var_2", 900n, 2700n, "cat"],
    ])
    expect(cart.total_minor).toBe(5700n)
  })

  it("gives 0 for an empty cart", () => {
    expect(priceCart(compileRules(rules), [], "EUR")).toEqual({ lines: [], total_minor: 0n })
  })

  it("throws the first unpriceable line's error", () => {
    const lines = [cartLine(), cartLine({ variant_id: "var_2", sku: "SKU-2", base_unit_price_minor: null })]
    expect(() => priceCart(compileRules(rules), lines, "USD")).toThrow(
      expect.objectContaining({ code: "no_base_price", variant_id: "var_2" })
    )
  })

  it("prices a 500-line cart against 1,000 rules by looking only at the rules that can match", () => {
    const contract = bigContract(1000)
    const cart: CartLineInput[] = Array.from({ length: 500 }, (_, i) => ({
      variant_id: `var_${i}`,
      sku: `SKU-${i}`,
      product_id: `prod_${i % 100}`,
      collection_id: `col_${i % 10}`,
      category_ids: [`cat_${i % 40}`, `cat_${(i + 7) % 40}`],
      quantity: 1 + (i % 60),
      base_unit_price_minor: BigInt(1000 + i),
    }))

    const started = performance.now()
    const compiled = compileRules(contract)
    const priced = priceCart(compiled, cart, "USD")
    const elapsedMs = performance.now() - started

    expect(priced.lines).toHaveLength(500)
    expect(priced.lines.every((line) => line.rule !== null)).toBe(true)
    // Spot-check against the line priced alone.
    expect(priced.lines[123]).toEqual(priceLine(compiled, cart[123], "USD"))
    // Typically a few ms; the bound only catches an accidental O(lines × all rules) scan with rebuilt indexes.
    expect(elapsedMs).toBeLessThan(1000)
  })
})

/** 1,000 rules over 600 variants: fixed prices, tiers and discounts at every scope. */
function bigContract(size: number): PriceRule[] {
  return Array.from({ length: size }, (_, i): PriceRule => {
    const id = `cpr_${String(i).padStart(4, "0")}`
    switch (i % 5) {
      case 0:
        return { id, type: "fixed_price", target: { variant_id: `var_${i % 600}` }, unit_price_minor: BigInt(900 + i) }
      case 1:
        return {
          id,
          type: "tiered_price",
          target: { sku: `SKU-${i % 600}` },
          mode: i % 2 ? "graduated" : "volume",
          tiers: [
            { min_quantity: 1, unit_price_minor: 1000n },
            { min_quantity: 10, unit_price_minor: 950n },
            { min_quantity: 50, unit_price_minor: 875n },
          ],
        }
      case 2:
        return {
          id,
          type: "discount",
          scope: "product",
          scope_id: `prod_${i % 120}`,
          kind: "percentage",
          value: "12.5",
        }
      case 3:
        return {
          id,
          type: "discount",
          scope: "category",
          scope_id: `cat_${i % 50}`,
          kind: "fixed_amount",
          value: BigInt(i % 300) + 1n,
        }
      default:
        return i % 10 === 4
          ? { id, type: "discount", scope: "collection", scope_id: `col_${i % 12}`, kind: "percentage", value: "3" }
          : { id, type: "discount", scope: "catalogue", kind: "percentage", value: "1" }
    }
  })
}
