import { createWorkflow, transform, WorkflowResponse } from "@medusajs/framework/workflows-sdk"
import { updateEmployeeStep, type UpdateEmployeeStepInput } from "./steps/update-employee"
import { validateCompanyKeepsAdminStep } from "./steps/validate-company-keeps-admin"

export type UpdateEmployeeWorkflowInput = UpdateEmployeeStepInput

/**
 * Changes an employee's role, spending limit or its period. The company's
 * last active admin keeps the admin role (409 `role`). Used by
 * `POST /admin/companies/:id/employees/:employee_id` and
 * `POST /store/b2b/employees/:id`.
 *
 * @example
 * await updateEmployeeWorkflow(container).run({ input: { id: "emp_123", update: { role: "viewer" } } })
 */
export const updateEmployeeWorkflow = createWorkflow(
  "update-employee-workflow",
  (input: UpdateEmployeeWorkflowInput) => {
    const guard = transform({ input }, ({ input }) => ({ employee_id: input.id, role: input.update.role }))
    validateCompanyKeepsAdminStep(guard)
    const employee = updateEmployeeStep(input)
    return new WorkflowResponse(employee)
  }
)
