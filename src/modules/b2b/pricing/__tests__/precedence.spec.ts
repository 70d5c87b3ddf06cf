import { compileRules, priceLine, type PriceRule } from ".."
import { cartLine } from "./builders"

const fixed = (id: string, target: { variant_id?: string; sku?: string }, unit: bigint): PriceRule => ({
  id,
  type: "fixed_price",
  target,
  unit_price_minor: unit,
})
const percentOff = (
  id: string,
  scope: "product" | "category" | "collection" | "catalogue",
  value: string,
  scopeId?: string
): PriceRule =>
  scope === "catalogue"
    ? { id, type: "discount", scope, kind: "percentage", value }
    : { id, type: "discount", scope, scope_id: scopeId, kind: "percentage", value }

const everyLevel: PriceRule[] = [
  percentOff("r_catalogue", "catalogue", "50"),
  percentOff("r_collection", "collection", "40", "col_1"),
  percentOff("r_category", "category", "30", "cat_1"),
  percentOff("r_product", "product", "20", "prod_1"),
  fixed("r_sku", { sku: "SKU-1" }, 1700n),
  fixed("r_variant", { variant_id: "var_1" }, 1900n),
]

function chosenRule(rules: PriceRule[], overrides: Parameters<typeof cartLine>[0] = {}) {
  return priceLine(compileRules(rules), cartLine(overrides), "USD").rule
}

describe("precedence: most specific wins", () => {
  // Each step removes the winner and checks the next level takes over, even when it is dearer.
  it.each([
    ["variant_id", "r_variant", "variant"],
    ["sku", "r_sku", "variant"],
    ["product", "r_product", "product"],
    ["category", "r_category", "category"],
    ["collection", "r_collection", "collection"],
    ["catalogue", "r_catalogue", "catalogue"],
  ])("%s rule wins over every less specific one", (_name, winner, level) => {
    const rules = everyLevel.slice(0, everyLevel.findIndex((r) => r.id === winner) + 1)
    expect(chosenRule(rules)).toMatchObject({ id: winner, level })
  })

  it("reaches lines nothing more specific matches through the catalogue discount", () => {
    const unrelated = {
      variant_id: "var_9",
      sku: "SKU-9",
      product_id: "prod_9",
      category_ids: [],
      collection_id: undefined,
    }
    expect(chosenRule(everyLevel, unrelated)).toMatchObject({ id: "r_catalogue", level: "catalogue" })
    expect(chosenRule(everyLevel.slice(1), unrelated)).toBeNull()
  })

  it("prefers a variant_id rule over a cheaper sku rule", () => {
    expect(
      chosenRule([fixed("by_sku", { sku: "SKU-1" }, 100n), fixed("by_variant", { variant_id: "var_1" }, 1500n)])
    ).toMatchObject({
      id: "by_variant",
    })
  })

  it("prefers a product discount over a deeper category discount", () => {
    const line = priceLine(
      compileRules([percentOff("p", "product", "5", "prod_1"), percentOff("c", "category", "90", "cat_1")]),
      cartLine(),
      "USD"
    )
    expect(line.rule?.id).toBe("p")
    expect(line.unit_price_minor).toBe(1900n)
  })

  it("applies a discount to Medusa's price, never on top of a contract price", () => {
    const line = priceLine(
      compileRules([fixed("v", { variant_id: "var_1" }, 1000n), percentOff("p", "product", "50", "prod_1")]),
      cartLine(),
      "USD"
    )
    expect(line.unit_price_minor).toBe(1000n)
  })
})

describe("precedence: several rules at the same level", () => {
  it("takes the lower unit price between a fixed price and a tier for the same variant", () => {
    const tier: PriceRule = {
      id: "tier",
      type: "tiered_price",
      target: { variant_id: "var_1" },
      mode: "volume",
      tiers: [
        { min_quantity: 1, unit_price_minor: 1500n },
        { min_quantity: 10, unit_price_minor: 1000n },
      ],
    }
    const rules = [fixed("fixed", { variant_id: "var_1" }, 1200n), tier]
    expect(chosenRule(rules, { quantity: 5 })?.id).toBe("fixed")
    expect(chosenRule(rules, { quantity: 10 })?.id).toBe("tier")
  })

  it("takes the category giving the lowest price when several of the line's categories have discounts", () => {
    const rules = [
      percentOff("cat_a_10", "category", "10", "cat_a"),
      {
        id: "cat_b_5eur",
        type: "discount",
        scope: "category",
        scope_id: "cat_b",
        kind: "fixed_amount",
        value: 500n,
      } as PriceRule,
      percentOff("cat_c_20", "category", "20", "cat_c"),
    ]
    // base 2000: −10 % = 1800, −5.00 = 1500, −20 % = 1600
    const line = priceLine(compileRules(rules), cartLine({ category_ids: ["cat_a", "cat_b", "cat_c"] }), "USD")
    expect(line.rule?.id).toBe("cat_b_5eur")
    expect(line.unit_price_minor).toBe(1500n)
  })

  it("breaks a tie by the smaller rule id, whatever the rule order", () => {
    const rules = [percentOff("zz", "category", "10", "cat_a"), percentOff("aa", "category", "10", "cat_b")]
    for (const ordered of [rules, [...rules].reverse()]) {
      const line = priceLine(compileRules(ordered), cartLine({ category_ids: ["cat_a", "cat_b"] }), "USD")
      expect(line.rule?.id).toBe("aa")
    }
  })
})
