import { createWorkflow, transform, when, WorkflowResponse } from "@medusajs/framework/workflows-sdk"
import { linkCustomersToCustomerGroupStep, useQueryGraphStep } from "@medusajs/medusa/core-flows"
import { setEmployeeActiveStep, type SetEmployeeActiveStepInput } from "./steps/set-employee-active"
import { validateCompanyKeepsAdminStep } from "./steps/validate-company-keeps-admin"

export type SetEmployeeActiveWorkflowInput = SetEmployeeActiveStepInput

/** The employee fields read: its customer, that customer's groups and its company's group. */
type EmployeeMembership = {
  customer_id: string
  customer?: { groups?: ({ id: string } | null)[] | null } | null
  company?: { customer_group?: { id: string } | null } | null
}

/**
 * Deactivates or reactivates an employee. A deactivated employee buys as a
 * customer of no company: resolveEmployee ignores them (no contract prices
 * in carts, no net terms, /store/b2b answers 404) and they leave the
 * company's customer group, whose price lists would otherwise still give
 * them contract prices. Reactivating puts both back. The company's last
 * active admin cannot be deactivated (409). Used by
 * `POST /store/b2b/employees/:id/deactivate` and `/reactivate`.
 *
 * @example
 * await setEmployeeActiveWorkflow(container).run({ input: { id: "emp_123", active: false } })
 */
export const setEmployeeActiveWorkflow = createWorkflow(
  "set-employee-active-workflow",
  (input: SetEmployeeActiveWorkflowInput) => {
    const { data: employees } = useQueryGraphStep({
      entity: "employee",
      fields: ["id", "customer_id", "customer.groups.id", "company.customer_group.id"],
      filters: { id: input.id },
      options: { throwIfKeyNotFound: true },
    })
    const deactivate = transform({ input }, ({ input }) => !input.active)
    validateCompanyKeepsAdminStep({ employee_id: input.id, deactivate })
    const employee = setEmployeeActiveStep(input)

    const membership = transform({ employees, input }, ({ employees, input }) => {
      const found = employees[0] as EmployeeMembership | undefined
      const groupId = found?.company?.customer_group?.id
      const member = (found?.customer?.groups ?? []).some((g) => g?.id === groupId)
      const customer = [found?.customer_id as string]
      return {
        id: groupId as string,
        add: groupId && !member && input.active ? customer : [],
        remove: groupId && member && !input.active ? customer : [],
      }
    })
    when("customer-group-membership-changes", { membership }, ({ membership }) => {
      return membership.add.length + membership.remove.length > 0
    }).then(() => {
      linkCustomersToCustomerGroupStep(membership)
    })
    return new WorkflowResponse(employee)
  }
)
