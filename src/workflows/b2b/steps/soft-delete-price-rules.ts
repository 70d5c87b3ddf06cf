import { createStep, StepResponse } from "@medusajs/framework/workflows-sdk"
import { B2B_MODULE } from "../../../modules/b2b"
import type B2bModuleService from "../../../modules/b2b/service"

export const softDeletePriceRulesStepId = "soft-delete-price-rules-step"

/** Soft-deletes contract rules (orders keep the rule id they were priced by); compensation restores them. */
export const softDeletePriceRulesStep = createStep(
  softDeletePriceRulesStepId,
  async (ids: string[], { container }) => {
    if (ids.length) await container.resolve<B2bModuleService>(B2B_MODULE).softDeletePriceRules(ids)
    return new StepResponse(undefined, ids)
  },
  async (ids, { container }) => {
    if (!ids?.length) return
    await container.resolve<B2bModuleService>(B2B_MODULE).restorePriceRules(ids)
  }
)
