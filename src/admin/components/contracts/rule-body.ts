import { parseMajor } from "./money"
import type { TierText } from "./rule-fields"

export type RuleType = "fixed_price" | "tiered_price" | "discount" | "quantity_constraint"
export type DiscountScope = "catalogue" | "product" | "category" | "collection"

/** What the rule editor holds, as typed (amounts in major units). */
export type RuleDraft = {
  type: RuleType
  variant_id: string | null
  price: string
  tier_mode: "volume" | "graduated"
  tiers: TierText[]
  scope: DiscountScope
  scope_id: string
  discount_kind: "percentage" | "fixed_amount"
  percentage: string
  amount_off: string
  min_quantity: string
  increment: string
}

export const EMPTY_DRAFT: RuleDraft = {
  type: "fixed_price",
  variant_id: null,
  price: "",
  tier_mode: "volume",
  tiers: [{ min_quantity: "1", price: "" }],
  scope: "catalogue",
  scope_id: "",
  discount_kind: "percentage",
  percentage: "",
  amount_off: "",
  min_quantity: "",
  increment: "",
}

/** A whole number as typed; anything else goes to the API as typed, which names the field. */
const count = (text: string): number | string => (/^\d+$/.test(text.trim()) ? Number(text.trim()) : text)

/**
 * The draft as the API's rule body (amounts as integer minor-unit strings),
 * or the first amount that is not one. Everything else is the API's to check.
 */
export function ruleBody(draft: RuleDraft, currency: string): { rule: Record<string, unknown> } | { error: string } {
  const money = (label: string, text: string) => {
    const parsed = parseMajor(text, currency)
    if ("error" in parsed) throw new Error(`${label}: ${parsed.error}`)
    return parsed.minor
  }
  const target = draft.variant_id ? { variant_id: draft.variant_id } : {}
  try {
    switch (draft.type) {
      case "fixed_price":
        return { rule: { type: draft.type, ...target, unit_price_minor: money("Unit price", draft.price) } }
      case "tiered_price":
        return {
          rule: {
            type: draft.type,
            ...target,
            tier_mode: draft.tier_mode,
            tiers: draft.tiers.map((tier, i) => ({
              min_quantity: count(tier.min_quantity),
              unit_price_minor: money(`Tier ${i + 1} unit price`, tier.price),
            })),
          },
        }
      case "discount":
        return {
          rule: {
            type: draft.type,
            scope: draft.scope,
            ...(draft.scope === "catalogue" ? {} : { scope_id: draft.scope_id.trim() }),
            discount_kind: draft.discount_kind,
            ...(draft.discount_kind === "percentage"
              ? { percentage: draft.percentage.trim() }
              : { amount_off_minor: money("Amount off", draft.amount_off) }),
          },
        }
      case "quantity_constraint":
        return {
          rule: {
            type: draft.type,
            ...target,
            ...(draft.min_quantity.trim() ? { min_quantity: count(draft.min_quantity) } : {}),
            ...(draft.increment.trim() ? { increment: count(draft.increment) } : {}),
          },
        }
    }
  } catch (e) {
    return { error: (e as Error).message }
  }
}
