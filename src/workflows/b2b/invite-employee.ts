import { createWorkflow, transform, WorkflowResponse } from "@medusajs/framework/workflows-sdk"
import { createCustomersWorkflow } from "@medusajs/medusa/core-flows"
import type { EmployeeRole } from "../../modules/b2b/lib/roles"
import type { SpendingPeriod } from "../../modules/b2b/lib/spending-periods"
import { createEmployeeWorkflow } from "./create-employee"
import { validateInviteeEmailStep } from "./steps/validate-invitee-email"

export type InviteEmployeeWorkflowInput = {
  /** The inviting admin's company. */
  company_id: string
  email: string
  first_name?: string | null
  last_name?: string | null
  role?: EmployeeRole
  /** In minor units of the order currency; null = no limit. */
  spending_limit_minor?: number | null
  spending_limit_period?: SpendingPeriod
}

/**
 * A company admin invites a new person: a customer for the e-mail (no
 * storefront account yet), made an employee the way staff do it
 * (createEmployeeWorkflow: the employee, its link, the company's customer
 * group), with the invite the person signs up with. An e-mail the shop
 * already knows is refused (409 `email`, see validateInviteeEmailStep).
 * Used by `POST /store/b2b/employees`.
 *
 * @example
 * const { result: { employee, invite } } = await inviteEmployeeWorkflow(container).run({
 *   input: { company_id: "comp_123", email: "kim@acme.example", role: "buyer", spending_limit_minor: 50000 },
 * })
 */
export const inviteEmployeeWorkflow = createWorkflow(
  "invite-employee-workflow",
  (input: InviteEmployeeWorkflowInput) => {
    validateInviteeEmailStep({ company_id: input.company_id, email: input.email })
    const customerInput = transform({ input }, ({ input }) => ({
      customersData: [{ email: input.email, first_name: input.first_name ?? null, last_name: input.last_name ?? null }],
    }))
    const customers = createCustomersWorkflow.runAsStep({ input: customerInput })
    const employeeInput = transform({ input, customers }, ({ input, customers }) => ({
      company_id: input.company_id,
      customer_id: customers[0].id,
      role: input.role,
      spending_limit_minor: input.spending_limit_minor,
      spending_limit_period: input.spending_limit_period,
    }))
    const created = createEmployeeWorkflow.runAsStep({ input: employeeInput })
    return new WorkflowResponse(created)
  }
)
