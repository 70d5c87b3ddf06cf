import { createWorkflow, WorkflowResponse } from "@medusajs/framework/workflows-sdk"
import { updateCompanyStep, type UpdateCompanyStepInput } from "./steps/update-company"
import { validateCompanyParentStep } from "./steps/validate-company-parent"

export type UpdateCompanyWorkflowInput = UpdateCompanyStepInput

/**
 * Updates a company's details or moves it in the hierarchy (a parent that
 * would create a cycle is refused). Used by `POST /admin/companies/:id`.
 *
 * @example
 * await updateCompanyWorkflow(container).run({ input: { id, update: { parent_company_id: "comp_parent" } } })
 */
export const updateCompanyWorkflow = createWorkflow("update-company-workflow", (input: UpdateCompanyWorkflowInput) => {
  validateCompanyParentStep({ company_id: input.id, parent_company_id: input.update.parent_company_id })
  const company = updateCompanyStep(input)
  return new WorkflowResponse(company)
})
