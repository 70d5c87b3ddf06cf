import { AdminCreateContract } from "../../admin/contracts/validators"
import { describeIssues, fieldName } from "../validate-body"

const describe_ = (body: unknown) => {
  const parsed = AdminCreateContract.safeParse(body)
  if (parsed.success) throw new Error("expected a validation error")
  return describeIssues(parsed.error.issues, body)
}

const base = { company_id: "comp_1", currency_code: "usd", valid_from: "2026-01-01" }

describe("400 messages name the field as written in the body", () => {
  it("writes paths with brackets and dots", () => {
    expect(fieldName(["rules", 2, "tiers", 0, "min_quantity"])).toBe("rules[2].tiers[0].min_quantity")
    expect(fieldName([0, "quantity"], "items")).toBe("items[0].quantity")
  })

  it("reports missing, unknown and mistyped fields", () => {
    expect(describe_({ currency_code: "usd", valid_from: "2026-01-01" })).toBe("company_id: is required")
    expect(describe_({ ...base, colour: "red" })).toBe("colour: unknown field")
    expect(describe_({ ...base, rules: [{ type: "nope" }] })).toBe(
      "rules[0].type: must be one of fixed_price, tiered_price, discount, quantity_constraint"
    )
  })

  it("refuses float and negative amounts, accepts integer strings", () => {
    expect(describe_({ ...base, credit_limit_minor: 10.5 })).toMatch(
      /^credit_limit_minor: must be an integer amount in minor units/
    )
    expect(describe_({ ...base, credit_limit_minor: "10.50" })).toMatch(
      /^credit_limit_minor: must be an integer amount in minor units/
    )
    expect(describe_({ ...base, credit_limit_minor: -1 })).toBe("credit_limit_minor: must not be negative")
    expect(describe_({ ...base, credit_limit_minor: 2 ** 60 })).toMatch(
      /^credit_limit_minor: is larger than the largest supported amount/
    )
    expect(AdminCreateContract.parse({ ...base, credit_limit_minor: "125000" }).credit_limit_minor).toBe(125000)
  })

  it("names nested rule fields", () => {
    expect(
      describe_({
        ...base,
        rules: [
          { type: "tiered_price", sku: "S", tier_mode: "volume", tiers: [{ min_quantity: 0, unit_price_minor: 1 }] },
        ],
      })
    ).toBe("rules[0].tiers[0].min_quantity: must be a whole number ≥ 1")
    expect(describe_({ ...base, rules: [{ type: "discount", scope: "catalogue", discount_kind: "percentage" }] })).toBe(
      "rules[0].percentage: is required for a percentage discount"
    )
  })
})
