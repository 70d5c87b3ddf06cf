/**
 * A deliberately naive reference for the pricing properties: it scans every
 * rule, prices graduated tiers unit by unit, and rounds with a different
 * formula (floor((2n + d) / 2d), valid for the non-negative amounts used here).
 */
import type { CartLineInput, PriceRule, PriceTier } from "../types"

/** 0 = variant_id, 1 = sku, 2 = product, 3 = category, 4 = collection, 5 = catalogue; null = no match. */
export function matchRank(rule: PriceRule, line: CartLineInput): number | null {
  switch (rule.type) {
    case "quantity_constraint":
      return null
    case "fixed_price":
    case "tiered_price": {
      const { variant_id, sku } = rule.target
      if (variant_id !== undefined) {
        return variant_id === line.variant_id && (sku === undefined || sku === line.sku) ? 0 : null
      }
      return sku !== undefined && sku === line.sku ? 1 : null
    }
    case "discount":
      if (rule.scope === "product") return rule.scope_id === line.product_id ? 2 : null
      if (rule.scope === "category") return line.category_ids.includes(rule.scope_id as string) ? 3 : null
      if (rule.scope === "collection") return rule.scope_id === line.collection_id ? 4 : null
      return 5
  }
}

export function roundNonNegative(numerator: bigint, denominator: bigint): bigint {
  return (2n * numerator + denominator) / (2n * denominator)
}

export function tierAt(tiers: readonly PriceTier[], quantity: number): PriceTier {
  return tiers.filter((tier) => tier.min_quantity <= quantity).at(-1) as PriceTier
}

export function graduatedExactTotal(tiers: readonly PriceTier[], quantity: number): bigint {
  let total = 0n
  for (let unit = 1; unit <= quantity; unit++) total += tierAt(tiers, unit).unit_price_minor
  return total
}

export function percentageOff(base: bigint, percentage: string): bigint {
  const [whole, fraction = ""] = percentage.split(".")
  const scale = 10n ** BigInt(fraction.length)
  const p = BigInt(whole + fraction)
  return roundNonNegative(base * (100n * scale - p), 100n * scale)
}

/** Unit price the rule would give, or null when it needs a base price that is missing. */
export function oracleUnitPrice(rule: PriceRule, line: CartLineInput): bigint | null {
  switch (rule.type) {
    case "fixed_price":
      return rule.unit_price_minor
    case "tiered_price":
      return rule.mode === "volume"
        ? tierAt(rule.tiers, line.quantity).unit_price_minor
        : roundNonNegative(graduatedExactTotal(rule.tiers, line.quantity), BigInt(line.quantity))
    case "discount": {
      const base = line.base_unit_price_minor
      if (base === null) return null
      if (rule.kind === "percentage") return percentageOff(base, rule.value)
      return base - rule.value > 0n ? base - rule.value : 0n
    }
    case "quantity_constraint":
      throw new Error("constraints do not price")
  }
}

export type OracleOutcome = { kind: "priced"; ruleId: string | null; unit: bigint } | { kind: "no_base_price" }

/** Most specific rank wins; within it the lowest unit price, then the smallest id. */
export function oraclePrice(rules: readonly PriceRule[], line: CartLineInput): OracleOutcome {
  const ranked = rules
    .map((rule) => ({ rule, rank: matchRank(rule, line) }))
    .filter((r): r is { rule: PriceRule; rank: number } => r.rank !== null)
  if (ranked.length === 0) {
    return line.base_unit_price_minor === null
      ? { kind: "no_base_price" }
      : { kind: "priced", ruleId: null, unit: line.base_unit_price_minor }
  }
  const bestRank = Math.min(...ranked.map((r) => r.rank))
  const candidates = ranked
    .filter((r) => r.rank === bestRank)
    .map((r) => ({ id: r.rule.id, unit: oracleUnitPrice(r.rule, line) }))
  if (candidates.some((c) => c.unit === null)) return { kind: "no_base_price" }
  candidates.sort((a, b) => (a.unit! < b.unit! ? -1 : a.unit! > b.unit! ? 1 : a.id < b.id ? -1 : a.id > b.id ? 1 : 0))
  return { kind: "priced", ruleId: candidates[0].id, unit: candidates[0].unit! }
}
