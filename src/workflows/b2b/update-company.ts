import { createWorkflow, transform, when, WorkflowResponse } from "@medusajs/framework/workflows-sdk"
import { resolvePriceListContractsStep } from "./steps/resolve-price-list-contracts"
import { updateCompanyStep, type UpdateCompanyStepInput } from "./steps/update-company"
import { invalidateContractPricingStep } from "./steps/invalidate-contract-pricing"
import { validateCompanyCurrencyStep } from "./steps/validate-company-currency"
import { validateCompanyParentStep } from "./steps/validate-company-parent"
import { syncContractPriceListsWorkflow } from "./sync-contract-price-lists"

export type UpdateCompanyWorkflowInput = UpdateCompanyStepInput

/**
 * Updates a company's details or moves it in the hierarchy (a parent that
 * would create a cycle is refused; so is a new currency while the company has
 * an active contract in another). A move re-syncs the Medusa price lists of
 * the contracts above the company before and after it (who inherits which
 * contract changed). Used by `POST /admin/companies/:id`.
 *
 * @example
 * await updateCompanyWorkflow(container).run({ input: { id, update: { parent_company_id: "comp_parent" } } })
 */
export const updateCompanyWorkflow = createWorkflow("update-company-workflow", (input: UpdateCompanyWorkflowInput) => {
  validateCompanyParentStep({ company_id: input.id, parent_company_id: input.update.parent_company_id })
  validateCompanyCurrencyStep({ company_id: input.id, currency_code: input.update.currency_code })
  const moves = transform({ input }, ({ input }) => input.update.parent_company_id !== undefined)
  // A move changes which contracts the company and its subtree inherit.
  const pricing = transform({ input }, ({ input }) => ({ company_ids: [input.id] }))
  // The contracts that may list the company (or its subtree) before the move.
  const before = when("company-leaves-its-parent", { moves }, ({ moves }) => moves).then(() => {
    invalidateContractPricingStep(pricing).config({ name: "invalidate-contract-pricing-on-rollback" })
    const companies = transform({ input }, ({ input }) => ({ company_ids: [input.id] }))
    return resolvePriceListContractsStep(companies)
  })
  const company = updateCompanyStep(input)
  when("company-joins-its-parent", { moves }, ({ moves }) => moves).then(() => {
    invalidateContractPricingStep(pricing)
    const sync = transform({ input, before }, ({ input, before }) => ({
      contract_ids: before ?? [],
      company_ids: [input.id],
    }))
    syncContractPriceListsWorkflow.runAsStep({ input: sync })
  })
  return new WorkflowResponse(company)
})
