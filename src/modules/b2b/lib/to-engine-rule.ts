import type { PriceRule as EngineRule } from "../pricing/types"

/** A contract_price_rule row as the module returns it. */
export type PriceRuleRecord = {
  id: string
  type: "fixed_price" | "tiered_price" | "discount" | "quantity_constraint"
  variant_id: string | null
  sku: string | null
  scope: "product" | "category" | "collection" | "catalogue" | null
  scope_id: string | null
  unit_price_minor: unknown
  tier_mode: "volume" | "graduated" | null
  tiers: { min_quantity: number; unit_price_minor: string | number }[] | null
  discount_kind: "percentage" | "fixed_amount" | null
  discount_value: string | null
  min_quantity: number | null
  increment: number | null
}

const target = (r: PriceRuleRecord) => ({
  ...(r.variant_id ? { variant_id: r.variant_id } : {}),
  ...(r.sku ? { sku: r.sku } : {}),
})

/** Database row → the pricing engine's rule (integer minor units as bigint). */
export function toEngineRule(r: PriceRuleRecord): EngineRule {
  switch (r.type) {
    case "fixed_price":
      return { id: r.id, type: "fixed_price", target: target(r), unit_price_minor: BigInt(String(r.unit_price_minor)) }
    case "tiered_price":
      return {
        id: r.id,
        type: "tiered_price",
        target: target(r),
        mode: r.tier_mode ?? "volume",
        tiers: (r.tiers ?? []).map((t) => ({
          min_quantity: Number(t.min_quantity),
          unit_price_minor: BigInt(String(t.unit_price_minor)),
        })),
      }
    case "discount":
      return r.discount_kind === "fixed_amount"
        ? {
            id: r.id,
            type: "discount",
            scope: r.scope!,
            scope_id: r.scope_id ?? undefined,
            kind: "fixed_amount",
            value: BigInt(r.discount_value ?? "0"),
          }
        : {
            id: r.id,
            type: "discount",
            scope: r.scope!,
            scope_id: r.scope_id ?? undefined,
            kind: "percentage",
            value: r.discount_value ?? "0",
          }
    case "quantity_constraint":
      return {
        id: r.id,
        type: "quantity_constraint",
        target: target(r),
        ...(r.min_quantity ? { min_quantity: r.min_quantity } : {}),
        ...(r.increment ? { increment: r.increment } : {}),
      }
  }
}
