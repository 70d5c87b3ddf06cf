import { createStep, StepResponse } from "@medusajs/framework/workflows-sdk"
import { ContainerRegistrationKeys } from "@medusajs/framework/utils"
import { B2B_MODULE } from "../../../modules/b2b"
import type B2bModuleService from "../../../modules/b2b/service"

export const invalidateContractPricingStepId = "invalidate-contract-pricing-step"

/** The companies whose contracts or parent change (descendants included by the module), the contracts whose rules change. */
export type InvalidateContractPricingStepInput = { company_ids?: string[]; contract_ids?: string[] }

/**
 * Tells contract pricing (B2bModuleService's cache) that contracts, rules or
 * the hierarchy changed. A workflow runs it twice: right after the change,
 * so the next price reflects it, and just before the change, named
 * `…-on-rollback`, whose compensation runs after the change's own has put
 * the old rows back (a rolled-back change is a change too; compensations run
 * in reverse order, so the later step's compensation would come too early).
 * When the cache cannot be told, the step fails: before the change nothing
 * is written, after it the change is rolled back.
 */
export const invalidateContractPricingStep = createStep(
  invalidateContractPricingStepId,
  async (input: InvalidateContractPricingStepInput, { container }) => {
    await container.resolve<B2bModuleService>(B2B_MODULE).invalidateContractPricing(input)
    return new StepResponse(input, input)
  },
  async (input, { container }) => {
    if (!input) return
    // A failing compensation would stop the ones after it (the rows' own):
    // this one reports and lets them run.
    await container
      .resolve<B2bModuleService>(B2B_MODULE)
      .invalidateContractPricing(input)
      .catch((e: Error) =>
        container
          .resolve(ContainerRegistrationKeys.LOGGER)
          .error(`contract pricing cache not invalidated after a rollback: ${e.message}`)
      )
  }
)
