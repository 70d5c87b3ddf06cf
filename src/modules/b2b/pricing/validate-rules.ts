import { normalizeCurrencyCode } from "../../../lib/money"
import { percentageProblem } from "./percentage"
import type { DiscountRule, PriceRule, QuantityConstraintRule, RuleIssue, VariantTarget } from "./types"

/**
 * Checks contract price rules for the admin API. Returns every problem found,
 * each naming its field ("rules[2].tiers[1].min_quantity"), so the API can answer
 * 400 with all of them at once; an empty list means the rules can be compiled.
 *
 * Rules: ids are unique; variant rules target a variant_id or sku; fixed and tier
 * prices are integers ≥ 0 (0 = free); tiers are non-empty, strictly ascending by
 * min_quantity (no duplicates) and start at 1; a percentage is 0 < p ≤ 100 with at
 * most 4 decimals; a fixed-amount discount is > 0; discounts name a scope_id except
 * on the catalogue; min_quantity and increment are integers ≥ 1.
 */
export function validateRules(rules: readonly PriceRule[], currency: string): RuleIssue[] {
  return [...currencyIssues(currency), ...ruleIssues(rules)]
}

/** validateRules without the currency, for compileRules (which has none). */
export function ruleIssues(rules: readonly PriceRule[]): RuleIssue[] {
  if (!Array.isArray(rules)) return [{ field: "rules", message: "must be a list of rules" }]
  const issues: RuleIssue[] = []
  const seenIds = new Set<string>()
  rules.forEach((rule, index) => {
    const at = `rules[${index}]`
    if (typeof rule !== "object" || rule === null) {
      issues.push({ field: at, message: "must be a rule object" })
      return
    }
    if (!isNonEmptyString(rule.id)) {
      issues.push({ field: `${at}.id`, message: "must be a non-empty string" })
    } else if (seenIds.has(rule.id)) {
      issues.push({ field: `${at}.id`, message: `duplicate rule id ${rule.id}` })
    } else {
      seenIds.add(rule.id)
    }
    issues.push(...issuesOfRule(rule, at))
  })
  return issues
}

function currencyIssues(currency: string): RuleIssue[] {
  try {
    normalizeCurrencyCode(currency)
    return []
  } catch (error) {
    return [{ field: "currency_code", message: (error as Error).message }]
  }
}

function issuesOfRule(rule: PriceRule, at: string): RuleIssue[] {
  switch (rule.type) {
    case "fixed_price":
      return [...targetIssues(rule.target, at), ...priceIssues(rule.unit_price_minor, `${at}.unit_price_minor`)]
    case "tiered_price":
      return [...targetIssues(rule.target, at), ...modeIssues(rule.mode, at), ...tierIssues(rule.tiers, at)]
    case "discount":
      return discountIssues(rule, at)
    case "quantity_constraint":
      return [...targetIssues(rule.target, at), ...constraintIssues(rule, at)]
    default:
      return [
        {
          field: `${at}.type`,
          message: "must be one of fixed_price, tiered_price, discount, quantity_constraint",
        },
      ]
  }
}

function targetIssues(target: VariantTarget, at: string): RuleIssue[] {
  if (typeof target !== "object" || target === null) {
    return [{ field: `${at}.target`, message: "must name a variant_id or a sku" }]
  }
  const issues: RuleIssue[] = []
  for (const key of ["variant_id", "sku"] as const) {
    if (target[key] !== undefined && !isNonEmptyString(target[key])) {
      issues.push({ field: `${at}.target.${key}`, message: "must be a non-empty string when set" })
    }
  }
  if (target.variant_id === undefined && target.sku === undefined) {
    issues.push({ field: `${at}.target`, message: "must name a variant_id or a sku" })
  }
  return issues
}

function priceIssues(price: unknown, field: string): RuleIssue[] {
  if (typeof price !== "bigint") return [{ field, message: "must be an integer amount in minor units" }]
  if (price < 0n) return [{ field, message: "must not be negative" }]
  return []
}

function modeIssues(mode: unknown, at: string): RuleIssue[] {
  return mode === "volume" || mode === "graduated"
    ? []
    : [{ field: `${at}.mode`, message: "must be volume or graduated" }]
}

function tierIssues(tiers: unknown, at: string): RuleIssue[] {
  if (!Array.isArray(tiers) || tiers.length === 0) {
    return [{ field: `${at}.tiers`, message: "must list at least one tier" }]
  }
  const issues: RuleIssue[] = []
  let previous: number | undefined
  tiers.forEach((tier, index) => {
    const field = `${at}.tiers[${index}].min_quantity`
    const min = tier?.min_quantity
    issues.push(...priceIssues(tier?.unit_price_minor, `${at}.tiers[${index}].unit_price_minor`))
    if (!isPositiveInteger(min)) {
      issues.push({ field, message: "must be an integer ≥ 1" })
      return
    }
    if (index === 0 && min !== 1) issues.push({ field, message: "the first tier must start at 1" })
    if (previous !== undefined && min === previous) issues.push({ field, message: `duplicate min_quantity ${min}` })
    if (previous !== undefined && min < previous) {
      issues.push({ field, message: "tiers must be sorted by ascending min_quantity" })
    }
    previous = min
  })
  return issues
}

function discountIssues(rule: DiscountRule, at: string): RuleIssue[] {
  const issues: RuleIssue[] = []
  const scopes = ["product", "category", "collection", "catalogue"]
  if (!scopes.includes(rule.scope)) {
    issues.push({ field: `${at}.scope`, message: `must be one of ${scopes.join(", ")}` })
  } else if (rule.scope === "catalogue" && rule.scope_id !== undefined) {
    issues.push({ field: `${at}.scope_id`, message: "must be absent for a catalogue discount" })
  } else if (rule.scope !== "catalogue" && !isNonEmptyString(rule.scope_id)) {
    issues.push({ field: `${at}.scope_id`, message: `must name the ${rule.scope}` })
  }

  if (rule.kind === "percentage") {
    const problem = percentageProblem(rule.value)
    if (problem) issues.push({ field: `${at}.value`, message: problem })
  } else if (rule.kind === "fixed_amount") {
    if (typeof rule.value !== "bigint" || rule.value <= 0n) {
      issues.push({ field: `${at}.value`, message: "must be a positive integer amount in minor units" })
    }
  } else {
    issues.push({ field: `${at}.kind`, message: "must be percentage or fixed_amount" })
  }
  return issues
}

function constraintIssues(rule: QuantityConstraintRule, at: string): RuleIssue[] {
  const issues: RuleIssue[] = []
  if (rule.min_quantity === undefined && rule.increment === undefined) {
    issues.push({ field: at, message: "must set min_quantity, increment or both" })
  }
  for (const key of ["min_quantity", "increment"] as const) {
    if (rule[key] !== undefined && !isPositiveInteger(rule[key])) {
      issues.push({ field: `${at}.${key}`, message: "must be an integer ≥ 1" })
    }
  }
  return issues
}

function isNonEmptyString(value: unknown): value is string {
  return typeof value === "string" && value.length > 0
}

function isPositiveInteger(value: unknown): value is number {
  return typeof value === "number" && Number.isSafeInteger(value) && value >= 1
}
