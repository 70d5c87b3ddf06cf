import { createStep, StepResponse } from "@medusajs/framework/workflows-sdk"
import { B2B_MODULE } from "../../../modules/b2b"
import type B2bModuleService from "../../../modules/b2b/service"

export const createCompanyStepId = "create-company-step"

export type CreateCompanyStepInput = {
  name: string
  billing_email: string
  billing_address?: Record<string, unknown> | null
  tax_ids?: { type: string; value: string }[] | null
  /** Lower-case ISO 4217 code. */
  currency_code: string
  parent_company_id?: string | null
  stripe_customer_id?: string | null
  erp_account_number?: string | null
  po_required?: boolean
  approval_ttl_hours?: number
  metadata?: Record<string, unknown> | null
}

/** Creates the company row; compensation deletes it. */
export const createCompanyStep = createStep(
  createCompanyStepId,
  async (input: CreateCompanyStepInput, { container }) => {
    const b2b = container.resolve<B2bModuleService>(B2B_MODULE)
    const company = await b2b.createCompanies(input)
    return new StepResponse(company, company.id)
  },
  async (companyId, { container }) => {
    if (!companyId) return
    await container.resolve<B2bModuleService>(B2B_MODULE).deleteCompanies(companyId)
  }
)
