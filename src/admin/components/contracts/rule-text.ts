import { formatMinor } from "../../lib/format"
import { variantLabel, type VariantOption } from "./use-variants"
import type { ContractRule } from "./types"

const TYPE_LABELS: Record<ContractRule["type"], string> = {
  fixed_price: "Fixed price",
  tiered_price: "Tiered price",
  discount: "Discount",
  quantity_constraint: "Quantity rule",
}

export function ruleTypeLabel(rule: ContractRule): string {
  return TYPE_LABELS[rule.type]
}

/** What the rule applies to: a variant (by name), a SKU, or a discount's scope. */
export function ruleTarget(rule: ContractRule, variants: Map<string, VariantOption>): string {
  if (rule.type === "discount") {
    return rule.scope === "catalogue" ? "Whole catalogue" : `${rule.scope} ${rule.scope_id ?? ""}`.trim()
  }
  if (rule.variant_id) return variantLabel(variants.get(rule.variant_id), rule.variant_id)
  return rule.sku ? `SKU ${rule.sku}` : "—"
}

/** The rule's terms in words: "10.00 USD each", "1+ at 4.00 USD, 100+ at 3.50 USD (volume)", "5% off", "MOQ 10, in steps of 5". */
export function ruleTerms(rule: ContractRule, currency: string): string {
  switch (rule.type) {
    case "fixed_price":
      return `${formatMinor(rule.unit_price_minor, currency)} each`
    case "tiered_price":
      return `${rule.tiers.map((t) => `${t.min_quantity}+ at ${formatMinor(t.unit_price_minor, currency)}`).join(", ")} (${rule.tier_mode})`
    case "discount":
      return rule.discount_kind === "percentage"
        ? `${rule.percentage}% off`
        : `${formatMinor(rule.amount_off_minor ?? 0, currency)} off each`
    case "quantity_constraint":
      return (
        [
          rule.min_quantity ? `Minimum ${rule.min_quantity}` : null,
          rule.increment ? `in steps of ${rule.increment}` : null,
        ]
          .filter(Boolean)
          .join(", ") || "—"
      )
  }
}
