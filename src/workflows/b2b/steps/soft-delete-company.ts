import { createStep, StepResponse } from "@medusajs/framework/workflows-sdk"
import { B2B_MODULE } from "../../../modules/b2b"
import type B2bModuleService from "../../../modules/b2b/service"

export const softDeleteCompanyStepId = "soft-delete-company-step"

/**
 * Soft-deletes the company row (orders and invoices keep resolving its id);
 * compensation restores it. Its employees and contracts have their own steps.
 */
export const softDeleteCompanyStep = createStep(
  softDeleteCompanyStepId,
  async (companyId: string, { container }) => {
    await container.resolve<B2bModuleService>(B2B_MODULE).softDeleteCompanies([companyId])
    return new StepResponse(undefined, companyId)
  },
  async (companyId, { container }) => {
    if (!companyId) return
    await container.resolve<B2bModuleService>(B2B_MODULE).restoreCompanies([companyId])
  }
)
