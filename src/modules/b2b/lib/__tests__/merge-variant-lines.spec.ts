import { mergeVariantLines } from "../merge-variant-lines"

const HUB = ["contract_id", "contract_rule_id", "price_explanation"] as const
const line = (
  id: string,
  variant_id: string,
  quantity: number,
  created_at: string,
  metadata: Record<string, unknown> | null = null
) => ({ id, variant_id, quantity, created_at, metadata })

describe("mergeVariantLines", () => {
  it("folds the earlier lines of a variant into the newest (the one Medusa just added), which holds their total quantity", () => {
    const merge = mergeVariantLines(
      [
        line("li_b", "var_gloves", 20, "2026-12-05T10:01:00Z"),
        line("li_a", "var_gloves", 100, "2026-12-05T10:00:00Z", {
          contract_id: "ctr_1",
          contract_rule_id: "cpr_1",
          price_explanation: "Volume tier 100+",
        }),
        line("li_c", "var_kit", 3, "2026-12-05T10:02:00Z"),
      ],
      HUB
    )
    expect(merge).toEqual({ keep: [{ id: "li_b", quantity: 120 }], remove: ["li_a"] })
  })

  it("keeps lines apart when the storefront's own metadata differs, as Medusa does", () => {
    const merge = mergeVariantLines(
      [
        line("li_a", "var_gloves", 10, "2026-12-05T10:00:00Z", { engraving: "A", contract_id: "ctr_1" }),
        line("li_b", "var_gloves", 10, "2026-12-05T10:01:00Z", { engraving: "B" }),
        line("li_c", "var_gloves", 5, "2026-12-05T10:02:00Z", { engraving: "A" }),
      ],
      HUB
    )
    expect(merge).toEqual({ keep: [{ id: "li_c", quantity: 15 }], remove: ["li_a"] })
  })

  it("does nothing for a cart with one line per variant, or lines without a variant", () => {
    expect(
      mergeVariantLines(
        [
          line("li_a", "var_a", 1, "2026-12-05T10:00:00Z"),
          { ...line("li_b", "x", 1, "2026-12-05T10:00:00Z"), variant_id: null },
        ],
        HUB
      )
    ).toEqual({ keep: [], remove: [] })
  })

  it("24 single adds of one product make one line of 24", () => {
    const adds = Array.from({ length: 24 }, (_, i) =>
      line(`li_${String(i).padStart(2, "0")}`, "var_gloves", 1, `2026-12-05T10:00:${String(i).padStart(2, "0")}Z`)
    )
    expect(mergeVariantLines(adds, HUB)).toEqual({
      keep: [{ id: "li_23", quantity: 24 }],
      remove: adds
        .slice(0, 23)
        .reverse()
        .map((l) => l.id),
    })
  })
})
