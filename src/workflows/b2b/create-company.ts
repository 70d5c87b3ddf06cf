import { Modules } from "@medusajs/framework/utils"
import { createWorkflow, transform, WorkflowResponse } from "@medusajs/framework/workflows-sdk"
import { createCustomerGroupsStep, createRemoteLinkStep } from "@medusajs/medusa/core-flows"
import { B2B_MODULE } from "../../modules/b2b"
import { createCompanyStep, type CreateCompanyStepInput } from "./steps/create-company"
import { validateCompanyParentStep } from "./steps/validate-company-parent"

export type CreateCompanyWorkflowInput = CreateCompanyStepInput

/**
 * Creates a buyer company with its own Medusa customer group (linked through
 * `links/company-customer-group`), after checking its parent. Used by
 * `POST /admin/companies`.
 *
 * @example
 * const { result } = await createCompanyWorkflow(container).run({
 *   input: { name: "Acme", billing_email: "ap@acme.example", currency_code: "usd" },
 * })
 */
export const createCompanyWorkflow = createWorkflow("create-company-workflow", (input: CreateCompanyWorkflowInput) => {
  validateCompanyParentStep({ company_id: null, parent_company_id: input.parent_company_id })
  const company = createCompanyStep(input)
  const groupData = transform({ company }, ({ company }) => [
    { name: `${company.name} (${company.id})`, metadata: { company_id: company.id } },
  ])
  const groups = createCustomerGroupsStep(groupData)
  const links = transform({ company, groups }, ({ company, groups }) => [
    { [B2B_MODULE]: { company_id: company.id }, [Modules.CUSTOMER]: { customer_group_id: groups[0].id } },
  ])
  createRemoteLinkStep(links)
  return new WorkflowResponse(company)
})
