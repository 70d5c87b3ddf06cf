import { createWorkflow, WorkflowResponse } from "@medusajs/framework/workflows-sdk"
import { updateEmployeeStep, type UpdateEmployeeStepInput } from "./steps/update-employee"

export type UpdateEmployeeWorkflowInput = UpdateEmployeeStepInput

/**
 * Changes an employee's role or per-order spending limit. Used by
 * `POST /admin/companies/:id/employees/:employee_id`.
 *
 * @example
 * await updateEmployeeWorkflow(container).run({ input: { id: "emp_123", update: { role: "viewer" } } })
 */
export const updateEmployeeWorkflow = createWorkflow(
  "update-employee-workflow",
  (input: UpdateEmployeeWorkflowInput) => {
    const employee = updateEmployeeStep(input)
    return new WorkflowResponse(employee)
  }
)
