import { createWorkflow, transform, WorkflowResponse } from "@medusajs/framework/workflows-sdk"
import { deleteCustomerGroupStep, removeRemoteLinkStep } from "@medusajs/medusa/core-flows"
import { B2B_MODULE } from "../../modules/b2b"
import { resolvePriceListContractsStep } from "./steps/resolve-price-list-contracts"
import { softDeleteCompanyStep } from "./steps/soft-delete-company"
import { invalidateContractPricingStep } from "./steps/invalidate-contract-pricing"
import { softDeleteContractsStep } from "./steps/soft-delete-contracts"
import { softDeleteEmployeesStep } from "./steps/soft-delete-employees"
import { validateCompanyDeletionStep } from "./steps/validate-company-deletion"
import { syncContractPriceListsWorkflow } from "./sync-contract-price-lists"

export type DeleteCompanyWorkflowInput = { id: string }

/**
 * Deletes a company that has no child companies, with its employees,
 * contracts, links and customer group (all soft deletes, so orders and
 * invoices keep resolving). Its contracts' Medusa price lists are deleted
 * and its ancestors' re-synced without its group. Used by
 * `DELETE /admin/companies/:id`.
 *
 * @example
 * await deleteCompanyWorkflow(container).run({ input: { id: "comp_123" } })
 */
export const deleteCompanyWorkflow = createWorkflow("delete-company-workflow", (input: DeleteCompanyWorkflowInput) => {
  const plan = validateCompanyDeletionStep({ id: input.id })
  // Read before the company goes: its own contracts and its ancestors'.
  const companies = transform({ input }, ({ input }) => ({ company_ids: [input.id] }))
  const listed = resolvePriceListContractsStep(companies)
  const pricing = transform({ plan }, ({ plan }) => ({ company_ids: [plan.company_id] }))
  invalidateContractPricingStep(pricing).config({ name: "invalidate-contract-pricing-on-rollback" })
  softDeleteContractsStep(plan.contract_ids)
  softDeleteEmployeesStep(plan.employee_ids)
  softDeleteCompanyStep(plan.company_id)
  invalidateContractPricingStep(pricing)
  const links = transform({ plan }, ({ plan }): Record<string, Record<string, string | string[]>>[] => [
    { [B2B_MODULE]: { company_id: plan.company_id } },
    ...(plan.employee_ids.length ? [{ [B2B_MODULE]: { employee_id: plan.employee_ids } }] : []),
  ])
  removeRemoteLinkStep(links)
  deleteCustomerGroupStep(plan.customer_group_ids)
  const sync = transform({ listed }, ({ listed }) => ({ contract_ids: listed }))
  syncContractPriceListsWorkflow.runAsStep({ input: sync })
  return new WorkflowResponse(plan)
})
