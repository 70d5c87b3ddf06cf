/**
 * Shapes of contract price rules, cart lines and priced lines.
 * All money is integer minor units (bigint) in the contract currency.
 */

/** Which variant a variant-level rule is for. At least one is set; when both are, both must match. */
export interface VariantTarget {
  variant_id?: string
  sku?: string
}

/** A fixed unit price for one variant. 0 is allowed (free item). */
export interface FixedPriceRule {
  id: string
  type: "fixed_price"
  target: VariantTarget
  unit_price_minor: bigint
}

export interface PriceTier {
  /** First quantity of the tier (≥ 1); the first tier starts at 1. */
  min_quantity: number
  unit_price_minor: bigint
}

/** volume: every unit at the tier reached; graduated: each band at its own tier's price. */
export type TierMode = "volume" | "graduated"

export interface TieredPriceRule {
  id: string
  type: "tiered_price"
  target: VariantTarget
  mode: TierMode
  /** Sorted by strictly ascending min_quantity, first one at 1 (see validateRules). */
  tiers: PriceTier[]
}

export type DiscountScope = "product" | "category" | "collection" | "catalogue"

interface DiscountRuleBase {
  id: string
  type: "discount"
  scope: DiscountScope
  /** The product, category or collection id; absent for the catalogue. */
  scope_id?: string
}

export interface PercentageDiscountRule extends DiscountRuleBase {
  kind: "percentage"
  /** Decimal string, "12.5" means 12.5 %; 0 < p ≤ 100, at most 4 decimals. */
  value: string
}

export interface FixedAmountDiscountRule extends DiscountRuleBase {
  kind: "fixed_amount"
  /** Minor units taken off the unit price; the result never goes below 0. */
  value: bigint
}

export type DiscountRule = PercentageDiscountRule | FixedAmountDiscountRule
export type DiscountKind = DiscountRule["kind"]

/** Minimum order quantity and/or order increment for one variant. Never prices a line. */
export interface QuantityConstraintRule {
  id: string
  type: "quantity_constraint"
  target: VariantTarget
  min_quantity?: number
  /** Valid quantities are min, min+inc, min+2·inc… (or inc, 2·inc… without a minimum). */
  increment?: number
}

export type PriceRule = FixedPriceRule | TieredPriceRule | DiscountRule | QuantityConstraintRule
export type PricingRuleType = Exclude<PriceRule["type"], "quantity_constraint">

/** One cart line as the engine needs it. */
export interface CartLineInput {
  variant_id: string
  sku?: string
  product_id: string
  collection_id?: string
  category_ids: string[]
  /** Positive integer. */
  quantity: number
  /** Medusa's own price for the variant in the contract currency; null when it has none. */
  base_unit_price_minor: bigint | null
}

/** Precedence levels, most specific first (see PRECEDENCE.md). */
export type RuleLevel = "variant" | "product" | "category" | "collection" | "catalogue"

/** The rule that priced a line. A line priced by Medusa alone has `rule: null`. */
export interface AppliedRule {
  id: string
  type: PricingRuleType
  level: RuleLevel
  /** Set for tiered_price rules. */
  mode?: TierMode
  /** Set for discount rules. */
  kind?: DiscountKind
}

/** Why a graduated line's total differs from its exact band sum. */
export interface LineRounding {
  /** Sum of the bands, exact. */
  exact_total_minor: bigint
  /** unit_price_minor × quantity, what Medusa will charge. */
  line_total_minor: bigint
  /** line_total_minor − exact_total_minor; |delta| ≤ quantity / 2. */
  rounding_delta_minor: bigint
}

export interface PricedLine {
  variant_id: string
  quantity: number
  unit_price_minor: bigint
  /** Always exactly unit_price_minor × quantity. */
  line_total_minor: bigint
  rule: AppliedRule | null
  /** Human-readable price explanation, e.g. "Volume tier 100+ at 9.50 USD (rule cpr_123)". */
  explanation: string
  base_unit_price_minor: bigint | null
  /** Present only for graduated tiers, the one case where the line total is rounded. */
  rounding?: LineRounding
}

export interface PricedCart {
  lines: PricedLine[]
  total_minor: bigint
}

/** A problem with a rule, named by field path so the admin API can answer 400. */
export interface RuleIssue {
  /** e.g. "rules[3].tiers[1].min_quantity" or "currency_code". */
  field: string
  message: string
}
