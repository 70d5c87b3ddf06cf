import { roundHalfAwayFromZero } from "../../../lib/money"
import type { CompiledDiscount, VariantPriceRule } from "./compile-rules"
import { HUNDRED_PERCENT_SCALED } from "./percentage"
import { bandsTotal, graduatedBands, volumeTier, type GraduatedBand } from "./tiers"
import type { PriceTier, RuleLevel } from "./types"

/** What one matching rule would charge for a line; the cheapest quote of the winning level prices it. */
export type Quote =
  | { level: "variant"; source: "fixed_price"; rule: VariantPriceRule; unit_price_minor: bigint }
  | { level: "variant"; source: "volume"; rule: VariantPriceRule; unit_price_minor: bigint; tier: PriceTier }
  | {
      level: "variant"
      source: "graduated"
      rule: VariantPriceRule
      unit_price_minor: bigint
      bands: GraduatedBand[]
      exact_total_minor: bigint
    }
  | {
      level: Exclude<RuleLevel, "variant">
      source: "discount"
      discount: CompiledDiscount
      unit_price_minor: bigint
      base_unit_price_minor: bigint
    }

export function quoteVariantRule(rule: VariantPriceRule, quantity: number): Quote {
  if (rule.type === "fixed_price") {
    return { level: "variant", source: "fixed_price", rule, unit_price_minor: rule.unit_price_minor }
  }
  if (rule.mode === "volume") {
    const tier = volumeTier(rule.tiers, quantity)
    return { level: "variant", source: "volume", rule, unit_price_minor: tier.unit_price_minor, tier }
  }
  const bands = graduatedBands(rule.tiers, quantity)
  const exactTotal = bandsTotal(bands)
  // Medusa charges unit × quantity, so the band sum is spread over the units and rounded once.
  const unit = roundHalfAwayFromZero(exactTotal, BigInt(quantity))
  return { level: "variant", source: "graduated", rule, unit_price_minor: unit, bands, exact_total_minor: exactTotal }
}

export function quoteDiscount(discount: CompiledDiscount, level: Exclude<RuleLevel, "variant">, base: bigint): Quote {
  const { rule } = discount
  const unit =
    rule.kind === "percentage"
      ? roundHalfAwayFromZero(base * discount.keepScaled, HUNDRED_PERCENT_SCALED)
      : maxBigInt(0n, base - rule.value)
  return { level, source: "discount", discount, unit_price_minor: unit, base_unit_price_minor: base }
}

export function quoteRuleId(quote: Quote): string {
  return quote.source === "discount" ? quote.discount.rule.id : quote.rule.id
}

/** Lowest unit price wins; equal prices go to the smaller rule id so the choice is deterministic. */
export function cheapestQuote(quotes: readonly Quote[]): Quote | undefined {
  let best: Quote | undefined
  for (const quote of quotes) {
    if (
      best === undefined ||
      quote.unit_price_minor < best.unit_price_minor ||
      (quote.unit_price_minor === best.unit_price_minor && quoteRuleId(quote) < quoteRuleId(best))
    ) {
      best = quote
    }
  }
  return best
}

function maxBigInt(a: bigint, b: bigint): bigint {
  return a > b ? a : b
}
