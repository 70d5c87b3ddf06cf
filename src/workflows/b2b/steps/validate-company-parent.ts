import { createStep, StepResponse } from "@medusajs/framework/workflows-sdk"
import { B2B_MODULE } from "../../../modules/b2b"
import type B2bModuleService from "../../../modules/b2b/service"

export const validateCompanyParentStepId = "validate-company-parent-step"

export type ValidateCompanyParentStepInput = {
  /** The company being changed; null when it is being created. */
  company_id: string | null
  /** The parent it would get; nothing to check when absent or null. */
  parent_company_id?: string | null
}

/**
 * Refuses a parent that does not exist, is the company itself, or would make
 * the company its own ancestor (400 naming `parent_company_id`). Read-only, so
 * nothing to compensate.
 */
export const validateCompanyParentStep = createStep(
  validateCompanyParentStepId,
  async (input: ValidateCompanyParentStepInput, { container }) => {
    const b2b = container.resolve<B2bModuleService>(B2B_MODULE)
    await b2b.assertValidParent(input.company_id, input.parent_company_id)
    return new StepResponse(undefined)
  }
)
