import { buildReturnCredit } from "../lib/return-credit"

const items = [
  { id: "li_kit", title: "Fastener Kit", variant_sku: "FAST-KIT-100", quantity: 3, unit_price: 10, discount_total: 0, tax_rate_percent: 8.25 },
  { id: "li_glove", title: "Gloves", variant_sku: "GLOVE-L", quantity: 100, unit_price: 3.5, discount_total: 35, tax_rate_percent: "8.25" },
]

describe("buildReturnCredit", () => {
  it("credits quantity × unit price plus the returned units' share of tax", () => {
    const credit = buildReturnCredit(items, [{ item_id: "li_kit", quantity: 1 }], "usd")
    expect(credit.lines).toEqual([
      { type: "custom_line_item", description: "Returned: FAST-KIT-100 — Fastener Kit", quantity: 1, unit_amount: 1000 },
      { type: "custom_line_item", description: "Tax on returned items", quantity: 1, unit_amount: 83 }, // 8.25 % of 10.00 = 0.825 → 0.83
    ])
    expect(credit.amount_minor).toBe(1083n)
  })

  it("takes the returned units' share of a discount off (one net line, the discount spelled out)", () => {
    const credit = buildReturnCredit(items, [{ item_id: "li_glove", quantity: 10 }], "usd")
    expect(credit.lines[0]).toEqual({
      type: "custom_line_item",
      description: "Returned: GLOVE-L — Gloves (10 × 3.5, less 3.50 discount)",
      quantity: 1,
      unit_amount: 3150,
    })
    expect(credit.tax_minor).toBe(260n) // 8.25 % of (35.00 − 3.50) = 2.59875 → 2.60
    expect(credit.amount_minor).toBe(3410n)
  })

  it("sums several lines; refuses more than was ordered", () => {
    const credit = buildReturnCredit(items, [{ item_id: "li_kit", quantity: 3 }, { item_id: "li_glove", quantity: 100 }], "usd")
    // tax per line, each rounded once: 8.25 % × 30.00 = 2.475 → 2.48; 8.25 % × 315.00 = 25.9875 → 25.99
    expect(credit.amount_minor).toBe(3000n + 31500n + 248n + 2599n)
    expect(() => buildReturnCredit(items, [{ item_id: "li_kit", quantity: 4 }], "usd")).toThrow(/exceeds/)
  })

  it("works in zero- and three-decimal currencies", () => {
    expect(buildReturnCredit([{ ...items[0], unit_price: 1200 }], [{ item_id: "li_kit", quantity: 2 }], "jpy").amount_minor).toBe(2400n + 198n) // 198
    expect(buildReturnCredit([{ ...items[0], unit_price: "1.250" }], [{ item_id: "li_kit", quantity: 1 }], "kwd").amount_minor).toBe(1250n + 103n) // 0.103125
    expect(buildReturnCredit([{ ...items[0], is_tax_inclusive: true }], [{ item_id: "li_kit", quantity: 1 }], "usd").amount_minor).toBe(1000n)
  })
})
