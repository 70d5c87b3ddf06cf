import { Modules } from "@medusajs/framework/utils"
import { createWorkflow, transform, when, WorkflowResponse } from "@medusajs/framework/workflows-sdk"
import { createRemoteLinkStep, linkCustomersToCustomerGroupStep, useQueryGraphStep } from "@medusajs/medusa/core-flows"
import { B2B_MODULE } from "../../modules/b2b"
import { createEmployeeStep, type CreateEmployeeStepInput } from "./steps/create-employee"
import { validateEmployeeCustomerStep } from "./steps/validate-employee-customer"
import { issueEmployeeInviteStep, type EmployeeInvite } from "./steps/issue-employee-invite"

export type CreateEmployeeWorkflowInput = CreateEmployeeStepInput

export type CreateEmployeeWorkflowOutput = {
  employee: { id: string; customer_id: string }
  /** Only for a customer without a storefront account (staff created it): the invite to sign up with. */
  invite: EmployeeInvite | null
}

/**
 * Makes an existing Medusa customer an employee of a company: the employee
 * row, its link to the customer, and the customer's membership of the
 * company's customer group. A customer already working for a company is
 * refused (400 `customer_id`). Used by `POST /admin/companies/:id/employees`.
 *
 * A customer staff created (no storefront account yet) also gets an invite:
 * the person signs up on the storefront with it and becomes this very
 * customer (see acceptEmployeeInviteWorkflow), instead of a second customer
 * with the same e-mail who works for nobody.
 *
 * @example
 * const { result: { employee, invite } } = await createEmployeeWorkflow(container).run({ input: { company_id, customer_id, role: "buyer", spending_limit_minor: 500000 } })
 */
export const createEmployeeWorkflow = createWorkflow(
  "create-employee-workflow",
  (input: CreateEmployeeWorkflowInput) => {
    const { data: companies } = useQueryGraphStep({
      entity: "company",
      fields: ["id", "customer_group.id"],
      filters: { id: input.company_id },
      options: { throwIfKeyNotFound: true },
    })
    const { data: customers } = useQueryGraphStep({
      entity: "customer",
      fields: ["id", "has_account"],
      filters: { id: input.customer_id },
    }).config({ name: "load-employee-customer" })
    validateEmployeeCustomerStep({ customer_id: input.customer_id })
    const employee = createEmployeeStep(input)
    const links = transform({ employee }, ({ employee }) => [
      { [B2B_MODULE]: { employee_id: employee.id }, [Modules.CUSTOMER]: { customer_id: employee.customer_id } },
    ])
    createRemoteLinkStep(links)
    const groupId = transform(
      { companies },
      ({ companies }) => (companies[0] as { customer_group?: { id: string } | null } | undefined)?.customer_group?.id
    )
    when("company-has-customer-group", { groupId }, ({ groupId }) => !!groupId).then(() => {
      linkCustomersToCustomerGroupStep({ id: groupId as unknown as string, add: [input.customer_id] })
    })
    const needsInvite = transform({ customers }, ({ customers }) => customers[0]?.has_account === false)
    const invite = when("customer-without-account", { needsInvite }, ({ needsInvite }) => needsInvite).then(() =>
      issueEmployeeInviteStep({ employee_id: employee.id })
    )
    const output = transform(
      { employee, invite },
      ({ employee, invite }): CreateEmployeeWorkflowOutput => ({ employee, invite: invite ?? null })
    )
    return new WorkflowResponse(output)
  }
)
