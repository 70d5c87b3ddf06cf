import { Modules } from "@medusajs/framework/utils"
import { createWorkflow, transform, when, WorkflowResponse } from "@medusajs/framework/workflows-sdk"
import { createRemoteLinkStep, linkCustomersToCustomerGroupStep, useQueryGraphStep } from "@medusajs/medusa/core-flows"
import { B2B_MODULE } from "../../modules/b2b"
import { createEmployeeStep, type CreateEmployeeStepInput } from "./steps/create-employee"
import { validateEmployeeCustomerStep } from "./steps/validate-employee-customer"

export type CreateEmployeeWorkflowInput = CreateEmployeeStepInput

/**
 * Makes an existing Medusa customer an employee of a company: the employee
 * row, its link to the customer, and the customer's membership of the
 * company's customer group. A customer already working for a company is
 * refused (400 `customer_id`). Used by `POST /admin/companies/:id/employees`.
 *
 * @example
 * await createEmployeeWorkflow(container).run({ input: { company_id, customer_id, role: "buyer", spending_limit_minor: 500000 } })
 */
export const createEmployeeWorkflow = createWorkflow("create-employee-workflow", (input: CreateEmployeeWorkflowInput) => {
  const { data: companies } = useQueryGraphStep({
    entity: "company",
    fields: ["id", "customer_group.id"],
    filters: { id: input.company_id },
    options: { throwIfKeyNotFound: true },
  })
  validateEmployeeCustomerStep({ customer_id: input.customer_id })
  const employee = createEmployeeStep(input)
  const links = transform({ employee }, ({ employee }) => [
    { [B2B_MODULE]: { employee_id: employee.id }, [Modules.CUSTOMER]: { customer_id: employee.customer_id } },
  ])
  createRemoteLinkStep(links)
  const groupId = transform({ companies }, ({ companies }) => (companies[0] as any)?.customer_group?.id as string | undefined)
  when("company-has-customer-group", { groupId }, ({ groupId }) => !!groupId).then(() => {
    linkCustomersToCustomerGroupStep({ id: groupId as unknown as string, add: [input.customer_id] })
  })
  return new WorkflowResponse(employee)
})
