import { createStep, StepResponse } from "@medusajs/framework/workflows-sdk"
import { B2B_MODULE } from "../../../modules/b2b"
import { toRuleColumns, type RuleInput } from "../../../modules/b2b/lib/rule-input"
import type B2bModuleService from "../../../modules/b2b/service"

export const createPriceRulesStepId = "create-price-rules-step"

export type CreatePriceRulesStepInput = { contract_id: string; rules: RuleInput[] }

/** Adds rules to a contract; compensation deletes them. */
export const createPriceRulesStep = createStep(
  createPriceRulesStepId,
  async ({ contract_id, rules }: CreatePriceRulesStepInput, { container }) => {
    if (!rules.length) return new StepResponse([] as { id: string }[], [] as string[])
    const b2b = container.resolve<B2bModuleService>(B2B_MODULE)
    const created: { id: string }[] = await b2b.createPriceRules(
      rules.map((rule) => ({ ...toRuleColumns(rule), contract_id }))
    )
    return new StepResponse(
      created,
      created.map((r) => r.id)
    )
  },
  async (ids, { container }) => {
    if (!ids?.length) return
    await container.resolve<B2bModuleService>(B2B_MODULE).deletePriceRules(ids)
  }
)
