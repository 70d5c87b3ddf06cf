import { InvalidPriceRulesError } from "./errors"
import { HUNDRED_PERCENT_SCALED, scaledPercentage } from "./percentage"
import type {
  DiscountRule,
  DiscountScope,
  FixedPriceRule,
  PriceRule,
  QuantityConstraintRule,
  TieredPriceRule,
  VariantTarget,
} from "./types"
import { ruleIssues } from "./validate-rules"

export type VariantPriceRule = FixedPriceRule | TieredPriceRule

/** A discount with its percentage pre-parsed: unit = round(base × keep / HUNDRED_PERCENT_SCALED). */
export interface CompiledDiscount {
  rule: DiscountRule
  /** (100 − p) scaled by 10^4; only for percentage discounts. */
  keepScaled: bigint
}

/** Rules indexed by what they match, so pricing a line only looks at the rules that can match it. */
export interface CompiledRuleSet {
  readonly variantPrices: TargetIndex<VariantPriceRule>
  readonly constraints: TargetIndex<QuantityConstraintRule>
  readonly productDiscounts: ReadonlyMap<string, readonly CompiledDiscount[]>
  readonly categoryDiscounts: ReadonlyMap<string, readonly CompiledDiscount[]>
  readonly collectionDiscounts: ReadonlyMap<string, readonly CompiledDiscount[]>
  readonly catalogueDiscounts: readonly CompiledDiscount[]
  readonly ruleCount: number
}

/** Variant rules by variant_id when they name one, else by sku. */
export interface TargetIndex<R> {
  readonly byVariantId: ReadonlyMap<string, readonly R[]>
  readonly bySku: ReadonlyMap<string, readonly R[]>
}

/**
 * Validates and indexes a contract's rules once, so each line is priced in
 * O(rules that can match it) instead of O(all rules). Throws
 * `InvalidPriceRulesError` (code invalid_price_rules) with the same issues as
 * validateRules. The rules are copied: later changes to the input don't leak in.
 */
export function compileRules(rules: readonly PriceRule[]): CompiledRuleSet {
  const issues = ruleIssues(rules)
  if (issues.length > 0) throw new InvalidPriceRulesError(issues)

  const variantPrices = newTargetIndex<VariantPriceRule>()
  const constraints = newTargetIndex<QuantityConstraintRule>()
  const discountsByScope = {
    product: new Map<string, CompiledDiscount[]>(),
    category: new Map<string, CompiledDiscount[]>(),
    collection: new Map<string, CompiledDiscount[]>(),
  } satisfies Record<Exclude<DiscountScope, "catalogue">, Map<string, CompiledDiscount[]>>
  const catalogueDiscounts: CompiledDiscount[] = []

  for (const original of rules) {
    const rule = copyRule(original)
    switch (rule.type) {
      case "fixed_price":
      case "tiered_price":
        addByTarget(variantPrices, rule.target, rule)
        break
      case "quantity_constraint":
        addByTarget(constraints, rule.target, rule)
        break
      case "discount": {
        const compiled = compileDiscount(rule)
        if (rule.scope === "catalogue") catalogueDiscounts.push(compiled)
        else push(discountsByScope[rule.scope], rule.scope_id as string, compiled)
        break
      }
    }
  }

  return {
    variantPrices,
    constraints,
    productDiscounts: discountsByScope.product,
    categoryDiscounts: discountsByScope.category,
    collectionDiscounts: discountsByScope.collection,
    catalogueDiscounts,
    ruleCount: rules.length,
  }
}

function compileDiscount(rule: DiscountRule): CompiledDiscount {
  const keepScaled = rule.kind === "percentage" ? HUNDRED_PERCENT_SCALED - scaledPercentage(rule.value) : 0n
  return { rule, keepScaled }
}

function copyRule<R extends PriceRule>(rule: R): R {
  const copy = { ...rule }
  if ("target" in copy) copy.target = Object.freeze({ ...copy.target })
  if (copy.type === "tiered_price") copy.tiers = copy.tiers.map((tier) => Object.freeze({ ...tier }))
  return Object.freeze(copy)
}

function newTargetIndex<R>(): { byVariantId: Map<string, R[]>; bySku: Map<string, R[]> } {
  return { byVariantId: new Map(), bySku: new Map() }
}

function addByTarget<R>(
  index: { byVariantId: Map<string, R[]>; bySku: Map<string, R[]> },
  target: VariantTarget,
  rule: R
): void {
  if (target.variant_id !== undefined) push(index.byVariantId, target.variant_id, rule)
  else push(index.bySku, target.sku as string, rule)
}

function push<K, V>(map: Map<K, V[]>, key: K, value: V): void {
  const list = map.get(key)
  if (list) list.push(value)
  else map.set(key, [value])
}
