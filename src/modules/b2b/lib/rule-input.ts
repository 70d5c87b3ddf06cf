import { validateRules } from "../pricing"
import type { RuleIssue } from "../pricing"
import { toEngineRule, type PriceRuleRecord } from "./to-engine-rule"

/**
 * A contract price rule as the admin API takes and returns it. Amounts are
 * integer minor units (`*_minor`); a percentage is a decimal string ("12.5").
 * Only the fields of the rule's `type` are present.
 */
export type RuleInput =
  | { type: "fixed_price"; variant_id?: string | null; sku?: string | null; unit_price_minor: number }
  | {
      type: "tiered_price"
      variant_id?: string | null
      sku?: string | null
      tier_mode: "volume" | "graduated"
      tiers: { min_quantity: number; unit_price_minor: number }[]
    }
  | {
      type: "discount"
      scope: "product" | "category" | "collection" | "catalogue"
      scope_id?: string | null
      discount_kind: "percentage" | "fixed_amount"
      /** Set for percentage discounts: "12.5" is 12.5 %. */
      percentage?: string
      /** Set for fixed-amount discounts: taken off Medusa's unit price. */
      amount_off_minor?: number
    }
  | {
      type: "quantity_constraint"
      variant_id?: string | null
      sku?: string | null
      min_quantity?: number | null
      increment?: number | null
    }

/** The contract_price_rule columns a rule sets; every column not used by its type is null. */
export type RuleColumns = Omit<PriceRuleRecord, "id" | "unit_price_minor" | "tiers"> & {
  unit_price_minor: number | null
  tiers: { min_quantity: number; unit_price_minor: number }[] | null
}

const EMPTY_COLUMNS: RuleColumns = {
  type: "fixed_price",
  variant_id: null,
  sku: null,
  scope: null,
  scope_id: null,
  unit_price_minor: null,
  tier_mode: null,
  tiers: null,
  discount_kind: null,
  discount_value: null,
  min_quantity: null,
  increment: null,
}

/** API rule → database columns (the inverse of toRuleOutput). */
export function toRuleColumns(input: RuleInput): RuleColumns {
  switch (input.type) {
    case "fixed_price":
      return { ...EMPTY_COLUMNS, type: input.type, ...target(input), unit_price_minor: input.unit_price_minor }
    case "tiered_price":
      return {
        ...EMPTY_COLUMNS,
        type: input.type,
        ...target(input),
        tier_mode: input.tier_mode,
        tiers: input.tiers.map((t) => ({ min_quantity: t.min_quantity, unit_price_minor: t.unit_price_minor })),
      }
    case "discount":
      return {
        ...EMPTY_COLUMNS,
        type: input.type,
        scope: input.scope,
        scope_id: input.scope_id ?? null,
        discount_kind: input.discount_kind,
        discount_value:
          input.discount_kind === "percentage" ? (input.percentage ?? null) : amountString(input.amount_off_minor),
      }
    case "quantity_constraint":
      return {
        ...EMPTY_COLUMNS,
        type: input.type,
        ...target(input),
        min_quantity: input.min_quantity ?? null,
        increment: input.increment ?? null,
      }
  }
}

/** A stored rule as the admin API returns it (the fields of its type only). */
export function toRuleOutput(
  row: PriceRuleRecord & Record<string, unknown>
): RuleInput & { id: string } & Record<string, unknown> {
  const common = { id: row.id, ...(row.created_at ? { created_at: row.created_at, updated_at: row.updated_at } : {}) }
  switch (row.type) {
    case "fixed_price":
      return {
        ...common,
        type: row.type,
        variant_id: row.variant_id,
        sku: row.sku,
        unit_price_minor: Number(row.unit_price_minor),
      }
    case "tiered_price":
      return {
        ...common,
        type: row.type,
        variant_id: row.variant_id,
        sku: row.sku,
        tier_mode: row.tier_mode ?? "volume",
        tiers: (row.tiers ?? []).map((t) => ({
          min_quantity: Number(t.min_quantity),
          unit_price_minor: Number(t.unit_price_minor),
        })),
      }
    case "discount":
      return {
        ...common,
        type: row.type,
        scope: row.scope!,
        scope_id: row.scope_id,
        discount_kind: row.discount_kind ?? "percentage",
        ...(row.discount_kind === "fixed_amount"
          ? { amount_off_minor: Number(row.discount_value) }
          : { percentage: row.discount_value ?? undefined }),
      }
    case "quantity_constraint":
      return {
        ...common,
        type: row.type,
        variant_id: row.variant_id,
        sku: row.sku,
        min_quantity: row.min_quantity,
        increment: row.increment,
      }
  }
}

/**
 * The pricing engine's objections to API rules, named by API field
 * ("rules[2].tiers[0].min_quantity", "rules[0].percentage"). Rules are checked
 * through the same row → engine mapping pricing uses, so what is accepted is
 * exactly what can be priced. With `listName` null the rules are named bare
 * ("tiers[0].min_quantity"), for a body that is a single rule.
 */
export function ruleInputIssues(
  rules: readonly RuleInput[],
  currency: string,
  listName: string | null = "rules"
): RuleIssue[] {
  const engineRules = rules.map((rule, i) => toEngineRule({ id: `rule_${i}`, ...toRuleColumns(rule) }))
  return validateRules(engineRules, currency).map((issue) => ({
    field: apiField(issue.field, rules, listName),
    message: issue.message,
  }))
}

const ENGINE_RULE_FIELD = /^rules\[(\d+)\](.*)$/

/** Engine field path → API field path (the engine nests targets and names some fields differently). */
function apiField(field: string, rules: readonly RuleInput[], listName: string | null): string {
  const match = ENGINE_RULE_FIELD.exec(field)
  if (!match) return field
  const index = Number(match[1])
  const rule = rules[index]
  let rest = match[2]
  if (rest === ".target" || rest === ".target.variant_id") rest = ".variant_id"
  else if (rest === ".target.sku") rest = ".sku"
  else if (rest === ".mode") rest = ".tier_mode"
  else if (rest === ".kind") rest = ".discount_kind"
  else if (rest === ".value" && rule?.type === "discount") {
    rest = rule.discount_kind === "fixed_amount" ? ".amount_off_minor" : ".percentage"
  }
  if (listName !== null) return `${listName}[${index}]${rest}`
  return rest.replace(/^\./, "") || "rule"
}

function target(input: { variant_id?: string | null; sku?: string | null }) {
  return { variant_id: input.variant_id ?? null, sku: input.sku ?? null }
}

function amountString(amount: number | undefined): string | null {
  return amount === undefined ? null : String(amount)
}
