import { compileRules, InvalidPriceRulesError, validateRules, type PriceRule } from ".."

const valid: PriceRule[] = [
  { id: "fp", type: "fixed_price", target: { variant_id: "var_1" }, unit_price_minor: 0n },
  {
    id: "tp",
    type: "tiered_price",
    target: { sku: "SKU-1" },
    mode: "graduated",
    tiers: [
      { min_quantity: 1, unit_price_minor: 1000n },
      { min_quantity: 10, unit_price_minor: 900n },
    ],
  },
  { id: "dp", type: "discount", scope: "product", scope_id: "prod_1", kind: "percentage", value: "12.3456" },
  { id: "dc", type: "discount", scope: "catalogue", kind: "fixed_amount", value: 1n },
  { id: "qc", type: "quantity_constraint", target: { variant_id: "var_1" }, min_quantity: 1, increment: 1 },
]

/** Puts `rule` in second place so the field paths are rules[1]…, and returns the issues. */
function issuesOf(rule: unknown, currency = "USD") {
  return validateRules([valid[0], rule as PriceRule], currency)
}

describe("validateRules", () => {
  it("accepts well-formed rules", () => {
    expect(validateRules(valid, "kwd")).toEqual([])
  })

  it("names the currency when it is malformed", () => {
    expect(validateRules(valid, "usdollar")).toEqual([{ field: "currency_code", message: expect.any(String) }])
  })

  it("refuses tiers that are unsorted, duplicated, not starting at 1, or empty", () => {
    const tiered = (tiers: unknown) => ({
      id: "t",
      type: "tiered_price",
      target: { variant_id: "v" },
      mode: "volume",
      tiers,
    })
    const tier = (min_quantity: unknown, unit_price_minor: unknown = 100n) => ({ min_quantity, unit_price_minor })

    expect(issuesOf(tiered([tier(1), tier(20), tier(10)]))).toEqual([
      { field: "rules[1].tiers[2].min_quantity", message: "tiers must be sorted by ascending min_quantity" },
    ])
    expect(issuesOf(tiered([tier(1), tier(5), tier(5)]))).toEqual([
      { field: "rules[1].tiers[2].min_quantity", message: "duplicate min_quantity 5" },
    ])
    expect(issuesOf(tiered([tier(2)]))).toEqual([
      { field: "rules[1].tiers[0].min_quantity", message: "the first tier must start at 1" },
    ])
    expect(issuesOf(tiered([]))).toEqual([{ field: "rules[1].tiers", message: "must list at least one tier" }])
    expect(issuesOf(tiered([tier(1.5)]))).toEqual([
      { field: "rules[1].tiers[0].min_quantity", message: "must be an integer ≥ 1" },
    ])
    expect(issuesOf(tiered([tier(1, -1n)]))).toEqual([
      { field: "rules[1].tiers[0].unit_price_minor", message: "must not be negative" },
    ])
    expect(issuesOf(tiered([tier(1, 100)]))).toEqual([
      { field: "rules[1].tiers[0].unit_price_minor", message: "must be an integer amount in minor units" },
    ])
    expect(issuesOf({ ...tiered([tier(1)]), mode: "stepped" })).toEqual([
      { field: "rules[1].mode", message: "must be volume or graduated" },
    ])
  })

  it.each([
    ["0", "must be greater than 0 and at most 100"],
    ["100.0001", "must be greater than 0 and at most 100"],
    ["12.34567", "must have at most 4 decimals"],
    ["-5", 'must be a decimal string such as "12.5"'],
    ["1e1", 'must be a decimal string such as "12.5"'],
    [12.5, 'must be a decimal string such as "12.5"'],
  ])("refuses percentage %p", (value, message) => {
    expect(issuesOf({ id: "d", type: "discount", scope: "catalogue", kind: "percentage", value })).toEqual([
      { field: "rules[1].value", message },
    ])
  })

  it("accepts percentages up to 100 with up to 4 decimals", () => {
    for (const value of ["100", "0.0001", "99.9999", "12.50"]) {
      expect(issuesOf({ id: "d", type: "discount", scope: "catalogue", kind: "percentage", value })).toEqual([])
    }
  })

  it("refuses a fixed-amount discount that is not a positive bigint", () => {
    for (const value of [0n, -5n, 5]) {
      expect(issuesOf({ id: "d", type: "discount", scope: "catalogue", kind: "fixed_amount", value })).toEqual([
        { field: "rules[1].value", message: "must be a positive integer amount in minor units" },
      ])
    }
  })

  it("requires a scope_id except on the catalogue", () => {
    expect(issuesOf({ id: "d", type: "discount", scope: "category", kind: "percentage", value: "5" })).toEqual([
      { field: "rules[1].scope_id", message: "must name the category" },
    ])
    expect(
      issuesOf({ id: "d", type: "discount", scope: "catalogue", scope_id: "x", kind: "percentage", value: "5" })
    ).toEqual([{ field: "rules[1].scope_id", message: "must be absent for a catalogue discount" }])
    expect(
      issuesOf({ id: "d", type: "discount", scope: "brand", scope_id: "x", kind: "percentage", value: "5" })
    ).toEqual([{ field: "rules[1].scope", message: "must be one of product, category, collection, catalogue" }])
    expect(issuesOf({ id: "d", type: "discount", scope: "catalogue", kind: "bogo", value: "5" })).toEqual([
      { field: "rules[1].kind", message: "must be percentage or fixed_amount" },
    ])
  })

  it("refuses quantity constraints with an increment or minimum below 1, or neither", () => {
    const qc = (fields: object) => ({ id: "q", type: "quantity_constraint", target: { variant_id: "v" }, ...fields })
    expect(issuesOf(qc({ increment: 0 }))).toEqual([{ field: "rules[1].increment", message: "must be an integer ≥ 1" }])
    expect(issuesOf(qc({ min_quantity: 2.5 }))).toEqual([
      { field: "rules[1].min_quantity", message: "must be an integer ≥ 1" },
    ])
    expect(issuesOf(qc({}))).toEqual([{ field: "rules[1]", message: "must set min_quantity, increment or both" }])
  })

  it("refuses missing targets, duplicate ids and unknown types", () => {
    expect(issuesOf({ id: "x", type: "fixed_price", target: {}, unit_price_minor: 1n })).toEqual([
      { field: "rules[1].target", message: "must name a variant_id or a sku" },
    ])
    expect(issuesOf({ id: "x", type: "fixed_price", target: { variant_id: "" }, unit_price_minor: 1n })).toEqual([
      { field: "rules[1].target.variant_id", message: "must be a non-empty string when set" },
    ])
    expect(issuesOf({ ...valid[0] })).toEqual([{ field: "rules[1].id", message: "duplicate rule id fp" }])
    expect(issuesOf({ id: "x", type: "bundle" })).toEqual([
      { field: "rules[1].type", message: "must be one of fixed_price, tiered_price, discount, quantity_constraint" },
    ])
    expect(issuesOf(null)).toEqual([{ field: "rules[1]", message: "must be a rule object" }])
  })
})

describe("compileRules", () => {
  it("refuses invalid rules with the same issues, under a stable code", () => {
    const bad = [{ id: "x", type: "fixed_price", target: {}, unit_price_minor: 1n }] as PriceRule[]
    expect(() => compileRules(bad)).toThrow(InvalidPriceRulesError)
    expect(() => compileRules(bad)).toThrow(
      expect.objectContaining({
        code: "invalid_price_rules",
        issues: [{ field: "rules[0].target", message: "must name a variant_id or a sku" }],
      })
    )
  })

  it("is not affected by later changes to the rules it was given", () => {
    const rules = structuredClone(valid)
    const compiled = compileRules(rules)
    ;(rules[0] as { unit_price_minor: bigint }).unit_price_minor = 999n
    expect(compiled.variantPrices.byVariantId.get("var_1")?.[0]).toMatchObject({ unit_price_minor: 0n })
  })
})
