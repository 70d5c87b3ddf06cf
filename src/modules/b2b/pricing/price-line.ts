import { normalizeCurrencyCode } from "../../../lib/money"
import type { CompiledDiscount, CompiledRuleSet } from "./compile-rules"
import { InvalidLineError, NoBasePriceError } from "./errors"
import { explainMedusaPrice, explainQuote } from "./explain"
import { matchTarget } from "./match-target"
import { enforceQuantityConstraints } from "./quantity-constraints"
import { cheapestQuote, quoteDiscount, quoteVariantRule, type Quote } from "./quote"
import type { AppliedRule, CartLineInput, PricedLine, RuleLevel } from "./types"

type DiscountLevel = Exclude<RuleLevel, "variant">

/** Discount levels, most specific first; the variant level is looked at before all of them. */
const DISCOUNT_LEVELS: readonly DiscountLevel[] = ["product", "category", "collection", "catalogue"]

/**
 * Prices one cart line against a contract's compiled rules.
 *
 * PRECEDENCE (the one place it is decided; mirrored in PRECEDENCE.md).
 * Exactly ONE rule prices a line: the most specific matching one.
 *   1. variant    fixed_price or tiered_price for the line's variant_id;
 *                 only if there is none, one for its sku
 *                 (a target naming both needs both to match)
 *   2. product    discount on line.product_id
 *   3. category   discount on any of line.category_ids
 *   4. collection discount on line.collection_id
 *   5. catalogue  discount on the whole catalogue
 *   6. none       Medusa's price unchanged; `rule` is null
 * Several rules matching at the same level (a fixed price and a tier for the
 * same variant, discounts on two of the line's categories…): the LOWEST
 * resulting unit price wins; equal prices go to the smaller rule id.
 * Discounts never stack: a discount applies to Medusa's price
 * (base_unit_price_minor), never to a contract price. When a discount (or no
 * rule) must price the line and that base is null → NoBasePriceError
 * (no_base_price), naming the variant.
 *
 * PRICES (money in integer minor units; `round` is THE rounding rule of
 * src/lib/money/rounding.ts, half away from zero, applied at most once a line):
 *   fixed_price         unit = unit_price_minor
 *   tiered volume       unit = price of the highest tier with min_quantity ≤ quantity
 *   tiered graduated    exact = Σ units in each band × that band's price;
 *                       unit = round(exact / quantity); the line's `rounding`
 *                       records exact_total_minor, line_total_minor and
 *                       rounding_delta_minor = line_total − exact (|Δ| ≤ quantity / 2)
 *   percentage p        unit = round(base × (100 − p) / 100)
 *   fixed_amount v      unit = max(0, base − v)
 *   always              line_total_minor = unit_price_minor × quantity, exactly
 *
 * QUANTITY: every matching quantity_constraint is checked first, whatever rule
 * prices the line → QuantityRuleError below_minimum_quantity or
 * invalid_quantity_increment (with the nearest valid quantities).
 *
 * @throws InvalidLineError (invalid_line), QuantityRuleError, NoBasePriceError,
 *   InvalidCurrencyError (invalid_currency)
 */
export function priceLine(compiled: CompiledRuleSet, line: CartLineInput, currency: string): PricedLine {
  const currencyCode = normalizeCurrencyCode(currency)
  assertValidLine(line)
  enforceQuantityConstraints(compiled, line)

  const quote = selectQuote(compiled, line)
  const quantity = BigInt(line.quantity)
  if (quote === null) {
    const base = line.base_unit_price_minor
    if (base === null) throw new NoBasePriceError(line.variant_id, null)
    return pricedLine(line, base, base * quantity, null, explainMedusaPrice(base, currencyCode))
  }

  const unit = quote.unit_price_minor
  const lineTotal = unit * quantity
  const priced = pricedLine(line, unit, lineTotal, appliedRule(quote), explainQuote(quote, line.quantity, currencyCode))
  if (quote.source === "graduated") {
    priced.rounding = {
      exact_total_minor: quote.exact_total_minor,
      line_total_minor: lineTotal,
      rounding_delta_minor: lineTotal - quote.exact_total_minor,
    }
  }
  return priced
}

/** The winning quote by the precedence above, or null when no pricing rule matches. */
function selectQuote(compiled: CompiledRuleSet, line: CartLineInput): Quote | null {
  const variant = matchTarget(compiled.variantPrices, line)
  const variantRules = variant.byVariantId.length > 0 ? variant.byVariantId : variant.bySku
  if (variantRules.length > 0) {
    return cheapestQuote(variantRules.map((rule) => quoteVariantRule(rule, line.quantity))) ?? null
  }

  for (const level of DISCOUNT_LEVELS) {
    const discounts = matchingDiscounts(compiled, line, level)
    if (discounts.length === 0) continue
    const base = line.base_unit_price_minor
    if (base === null) {
      throw new NoBasePriceError(line.variant_id, smallestId(discounts.map((d) => d.rule.id)))
    }
    return cheapestQuote(discounts.map((discount) => quoteDiscount(discount, level, base))) ?? null
  }
  return null
}

function matchingDiscounts(
  compiled: CompiledRuleSet,
  line: CartLineInput,
  level: DiscountLevel
): readonly CompiledDiscount[] {
  switch (level) {
    case "product":
      return compiled.productDiscounts.get(line.product_id) ?? []
    case "category":
      return line.category_ids.flatMap((categoryId) => compiled.categoryDiscounts.get(categoryId) ?? [])
    case "collection":
      return line.collection_id === undefined ? [] : (compiled.collectionDiscounts.get(line.collection_id) ?? [])
    case "catalogue":
      return compiled.catalogueDiscounts
  }
}

function appliedRule(quote: Quote): AppliedRule {
  if (quote.source === "discount") {
    const { rule } = quote.discount
    return { id: rule.id, type: rule.type, level: quote.level, kind: rule.kind }
  }
  const { rule } = quote
  return rule.type === "tiered_price"
    ? { id: rule.id, type: rule.type, level: quote.level, mode: rule.mode }
    : { id: rule.id, type: rule.type, level: quote.level }
}

function pricedLine(
  line: CartLineInput,
  unit: bigint,
  lineTotal: bigint,
  rule: AppliedRule | null,
  explanation: string
): PricedLine {
  return {
    variant_id: line.variant_id,
    quantity: line.quantity,
    unit_price_minor: unit,
    line_total_minor: lineTotal,
    rule,
    explanation,
    base_unit_price_minor: line.base_unit_price_minor,
  }
}

function assertValidLine(line: CartLineInput): void {
  if (!Number.isSafeInteger(line.quantity) || line.quantity < 1) {
    throw new InvalidLineError(line.variant_id, "quantity", `quantity must be a positive integer, got ${line.quantity}`)
  }
  const base: unknown = line.base_unit_price_minor
  if (base !== null && typeof base !== "bigint") {
    throw new InvalidLineError(
      line.variant_id,
      "base_unit_price_minor",
      "base_unit_price_minor must be a bigint or null"
    )
  }
}

function smallestId(ids: readonly string[]): string {
  return ids.reduce((a, b) => (b < a ? b : a))
}
