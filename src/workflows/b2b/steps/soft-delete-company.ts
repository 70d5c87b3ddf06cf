import { createStep, StepResponse } from "@medusajs/framework/workflows-sdk"
import { B2B_MODULE } from "../../../modules/b2b"
import type B2bModuleService from "../../../modules/b2b/service"

export const softDeleteCompanyStepId = "soft-delete-company-step"

export type SoftDeleteCompanyStepInput = {
  company_id: string
  /** Its employees and contracts (with their rules) go with it. */
  employee_ids: string[]
  contract_ids: string[]
}

/**
 * Soft-deletes a company with its employees and contracts, so that invoices
 * and orders keep pointing at real rows; compensation restores them all.
 */
export const softDeleteCompanyStep = createStep(
  softDeleteCompanyStepId,
  async (input: SoftDeleteCompanyStepInput, { container }) => {
    const b2b = container.resolve<B2bModuleService>(B2B_MODULE)
    if (input.contract_ids.length) await b2b.softDeleteContracts(input.contract_ids)
    if (input.employee_ids.length) await b2b.softDeleteEmployees(input.employee_ids)
    await b2b.softDeleteCompanies([input.company_id])
    return new StepResponse(undefined, input)
  },
  async (input, { container }) => {
    if (!input) return
    const b2b = container.resolve<B2bModuleService>(B2B_MODULE)
    await b2b.restoreCompanies([input.company_id])
    if (input.employee_ids.length) await b2b.restoreEmployees(input.employee_ids)
    if (input.contract_ids.length) await b2b.restoreContracts(input.contract_ids)
  }
)
