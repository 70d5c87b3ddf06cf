import { createWorkflow, transform, when, WorkflowResponse } from "@medusajs/framework/workflows-sdk"
import { linkCustomersToCustomerGroupStep, removeRemoteLinkStep, useQueryGraphStep } from "@medusajs/medusa/core-flows"
import { B2B_MODULE } from "../../modules/b2b"
import { softDeleteEmployeesStep } from "./steps/soft-delete-employees"

export type DeleteEmployeeWorkflowInput = { id: string }

/** The employee fields read: its customer and its company's customer group. */
type EmployeeMembership = { customer_id: string; company?: { customer_group?: { id: string } | null } | null }

/**
 * Removes an employee from its company: out of the company's customer group,
 * link to the customer dismissed, employee soft-deleted. The Medusa customer
 * stays (it may join another company). Used by
 * `DELETE /admin/companies/:id/employees/:employee_id`.
 *
 * @example
 * await deleteEmployeeWorkflow(container).run({ input: { id: "emp_123" } })
 */
export const deleteEmployeeWorkflow = createWorkflow(
  "delete-employee-workflow",
  (input: DeleteEmployeeWorkflowInput) => {
    const { data: employees } = useQueryGraphStep({
      entity: "employee",
      fields: ["id", "customer_id", "company.customer_group.id"],
      filters: { id: input.id },
      options: { throwIfKeyNotFound: true },
    })
    const membership = transform({ employees }, ({ employees }) => {
      const employee = employees[0] as EmployeeMembership | undefined
      return {
        id: employee?.company?.customer_group?.id,
        remove: [employee?.customer_id as string],
      }
    })
    when("employee-in-customer-group", { membership }, ({ membership }) => !!membership.id).then(() => {
      linkCustomersToCustomerGroupStep(membership as unknown as { id: string; remove: string[] })
    })
    const links = transform({ input }, ({ input }) => [{ [B2B_MODULE]: { employee_id: input.id } }])
    removeRemoteLinkStep(links)
    const ids = transform({ input }, ({ input }) => [input.id])
    softDeleteEmployeesStep(ids)
    return new WorkflowResponse({ id: input.id })
  }
)
