import { ruleInputIssues, toRuleColumns, toRuleOutput, type RuleInput } from "../rule-input"
import { toEngineRule } from "../to-engine-rule"

const rules: RuleInput[] = [
  { type: "fixed_price", variant_id: "variant_1", unit_price_minor: 1250 },
  {
    type: "tiered_price",
    sku: "SKU-1",
    tier_mode: "graduated",
    tiers: [
      { min_quantity: 1, unit_price_minor: 400 },
      { min_quantity: 100, unit_price_minor: 350 },
    ],
  },
  { type: "discount", scope: "category", scope_id: "pcat_1", discount_kind: "percentage", percentage: "12.5" },
  { type: "discount", scope: "catalogue", discount_kind: "fixed_amount", amount_off_minor: 50 },
  { type: "quantity_constraint", variant_id: "variant_1", min_quantity: 10, increment: 5 },
]

describe("API rules ↔ rows", () => {
  it("round-trips every rule type through the table columns", () => {
    for (const rule of rules) {
      const row = { id: "cpr_1", ...toRuleColumns(rule) }
      const { id, ...back } = toRuleOutput(row as any)
      expect(id).toBe("cpr_1")
      expect(withoutNulls(back)).toEqual(rule)
    }
  })

  it("clears the columns a type does not use", () => {
    expect(toRuleColumns(rules[0])).toMatchObject({
      sku: null,
      tiers: null,
      tier_mode: null,
      discount_value: null,
      min_quantity: null,
      increment: null,
    })
  })

  it("maps to the engine rule pricing uses (amounts as bigint minor units)", () => {
    expect(toEngineRule({ id: "a", ...toRuleColumns(rules[3]) } as any)).toEqual({
      id: "a",
      type: "discount",
      scope: "catalogue",
      scope_id: undefined,
      kind: "fixed_amount",
      value: 50n,
    })
    expect(toEngineRule({ id: "b", ...toRuleColumns(rules[1]) } as any)).toMatchObject({
      mode: "graduated",
      tiers: [
        { min_quantity: 1, unit_price_minor: 400n },
        { min_quantity: 100, unit_price_minor: 350n },
      ],
    })
  })
})

describe("ruleInputIssues", () => {
  it("accepts valid rules", () => {
    expect(ruleInputIssues(rules, "usd")).toEqual([])
  })

  it("names the API field, not the engine's", () => {
    const bad: RuleInput[] = [
      { type: "fixed_price", unit_price_minor: 100 },
      { type: "tiered_price", variant_id: "v", tier_mode: "volume", tiers: [{ min_quantity: 2, unit_price_minor: 1 }] },
      { type: "discount", scope: "catalogue", discount_kind: "percentage", percentage: "101" },
      { type: "discount", scope: "product", discount_kind: "fixed_amount", amount_off_minor: 0 },
    ]
    expect(ruleInputIssues(bad, "usd").map((i) => i.field)).toEqual([
      "rules[0].variant_id",
      "rules[1].tiers[0].min_quantity",
      "rules[2].percentage",
      "rules[3].scope_id",
      "rules[3].amount_off_minor",
    ])
  })

  it("names fields bare when the body is one rule", () => {
    const issues = ruleInputIssues(
      [
        {
          type: "tiered_price",
          sku: "S",
          tier_mode: "volume",
          tiers: [
            { min_quantity: 1, unit_price_minor: 1 },
            { min_quantity: 1, unit_price_minor: 1 },
          ],
        },
      ],
      "usd",
      null
    )
    expect(issues).toEqual([{ field: "tiers[1].min_quantity", message: "duplicate min_quantity 1" }])
  })
})

function withoutNulls(value: Record<string, unknown>) {
  return Object.fromEntries(Object.entries(value).filter(([, v]) => v !== null && v !== undefined))
}
