import { createStep, StepResponse } from "@medusajs/framework/workflows-sdk"
import { B2B_MODULE } from "../../../modules/b2b"
import { toRuleColumns, type RuleColumns, type RuleInput } from "../../../modules/b2b/lib/rule-input"
import type B2bModuleService from "../../../modules/b2b/service"

export const updatePriceRuleStepId = "update-price-rule-step"

export type UpdatePriceRuleStepInput = {
  id: string
  /** The whole rule after the change (columns its type does not use are cleared). */
  rule: RuleInput
}

const RULE_COLUMNS = [
  "type",
  "variant_id",
  "sku",
  "scope",
  "scope_id",
  "unit_price_minor",
  "tier_mode",
  "tiers",
  "discount_kind",
  "discount_value",
  "min_quantity",
  "increment",
] as const

/** Rewrites one rule; compensation puts back its previous columns. */
export const updatePriceRuleStep = createStep(
  updatePriceRuleStepId,
  async ({ id, rule }: UpdatePriceRuleStepInput, { container }) => {
    const b2b = container.resolve<B2bModuleService>(B2B_MODULE)
    const previous = await b2b.retrievePriceRule(id, { select: ["id", ...RULE_COLUMNS] })
    const updated = await b2b.updatePriceRules({ id, ...toRuleColumns(rule) })
    return new StepResponse(updated, previous)
  },
  async (previous, { container }) => {
    if (!previous) return
    await container.resolve<B2bModuleService>(B2B_MODULE).updatePriceRules(previous as { id: string } & RuleColumns)
  }
)
