import { compileRules, NoBasePriceError, priceLine, type CompiledRuleSet } from "../pricing"
import { matchTarget } from "../pricing/match-target"
import { volumeTier } from "../pricing/tiers"
import type { CartLineInput, PriceRule } from "../pricing/types"

/**
 * One price of a variant in a Medusa price list: the contract's unit price for
 * every quantity from `min_quantity` to `max_quantity` (null: no bound). A
 * variant whose contract price does not depend on the quantity has a single
 * band with both bounds null, like a plain Medusa price.
 */
export type QuantityBandPrice = {
  min_quantity: number | null
  max_quantity: number | null
  amount_minor: bigint
}

/**
 * Compiles a contract's rules for price lists: the quantity constraints (MOQ,
 * increments) are left out. They never price a line (PRECEDENCE.md), a price
 * list cannot express them, and the cart still enforces them.
 */
export function compileForPriceList(rules: readonly PriceRule[]): CompiledRuleSet {
  return compileRules(rules.filter((rule) => rule.type !== "quantity_constraint"))
}

/**
 * The contract price of one variant by quantity band, computed by the
 * pricing engine itself (`priceLine`), so a Medusa price list built from it
 * shows what the cart charges:
 *
 * - the bands start at 1 and at every `min_quantity` of the tiered rules
 *   that can price the variant (the only places its price can change);
 *   each band is priced by `priceLine` at its first quantity, and
 *   neighbouring bands with the same price are merged;
 * - fixed prices, volume tiers and discounts are constant within a band, so
 *   the band's price is the cart's unit price at every quantity in it;
 * - a band won by a GRADUATED rule carries that band's own price (the price
 *   of the tier its units fall in): the cart charges the exact band sum
 *   spread over the line (unit = round(Σ bands / quantity)), which depends
 *   on the whole quantity and so cannot be one price per band. The product
 *   API therefore shows the marginal price, the cart the average.
 *
 * Returns [] when no contract rule prices the variant (Medusa's own price
 * stands) or when a discount has no Medusa price to apply to (the variant has
 * no price in this currency, so the product API shows none either).
 *
 * @param compiled rules from `compileForPriceList` (no quantity constraints)
 * @param variant the variant as the cart prices it, without a quantity
 * @param currency the contract currency
 */
export function quantityBandPrices(
  compiled: CompiledRuleSet,
  variant: Omit<CartLineInput, "quantity">,
  currency: string
): QuantityBandPrice[] {
  const { byVariantId, bySku } = matchTarget(compiled.variantPrices, variant)
  const variantRules = byVariantId.length > 0 ? byVariantId : bySku
  const starts = [
    ...new Set([
      1,
      ...variantRules.flatMap((rule) => (rule.type === "tiered_price" ? rule.tiers.map((t) => t.min_quantity) : [])),
    ]),
  ]
  starts.sort((a, b) => a - b)

  const bands: QuantityBandPrice[] = []
  for (const [index, quantity] of starts.entries()) {
    let priced
    try {
      priced = priceLine(compiled, { ...variant, quantity }, currency)
    } catch (error) {
      if (error instanceof NoBasePriceError) return []
      throw error
    }
    if (!priced.rule) return []
    let amount = priced.unit_price_minor
    if (priced.rule.type === "tiered_price" && priced.rule.mode === "graduated") {
      const rule = variantRules.find((r) => r.id === priced.rule!.id)
      if (rule?.type === "tiered_price") amount = volumeTier(rule.tiers, quantity).unit_price_minor
    }
    const next = starts[index + 1]
    const band = { min_quantity: quantity, max_quantity: next === undefined ? null : next - 1, amount_minor: amount }
    const previous = bands[bands.length - 1]
    if (previous && previous.amount_minor === amount) previous.max_quantity = band.max_quantity
    else bands.push(band)
  }
  if (bands.length === 1) return [{ min_quantity: null, max_quantity: null, amount_minor: bands[0].amount_minor }]
  return bands
}
