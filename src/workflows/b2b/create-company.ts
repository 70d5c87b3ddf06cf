import { Modules } from "@medusajs/framework/utils"
import { createWorkflow, transform, when, WorkflowResponse } from "@medusajs/framework/workflows-sdk"
import { createCustomerGroupsStep, createRemoteLinkStep } from "@medusajs/medusa/core-flows"
import { B2B_MODULE } from "../../modules/b2b"
import { createCompanyStep, type CreateCompanyStepInput } from "./steps/create-company"
import { validateCompanyParentStep } from "./steps/validate-company-parent"
import { syncContractPriceListsWorkflow } from "./sync-contract-price-lists"

export type CreateCompanyWorkflowInput = CreateCompanyStepInput

/**
 * Creates a buyer company with its own Medusa customer group (linked through
 * `links/company-customer-group`), after checking its parent. A company
 * created under a parent inherits its ancestors' contracts, so their Medusa
 * price lists are synced to include its group. Used by
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
  when("company-has-a-parent", { input }, ({ input }) => !!input.parent_company_id).then(() => {
    const sync = transform({ company }, ({ company }) => ({ company_ids: [company.id] }))
    syncContractPriceListsWorkflow.runAsStep({ input: sync })
  })
  return new WorkflowResponse(company)
})
