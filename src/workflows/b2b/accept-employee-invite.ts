import { createWorkflow, transform, WorkflowResponse } from "@medusajs/framework/workflows-sdk"
import { setAuthAppMetadataStep } from "@medusajs/medusa/core-flows"
import { validateEmployeeInviteStep, type ValidateEmployeeInviteStepInput } from "./steps/validate-employee-invite"
import { claimInvitedCustomerStep, type InvitedCustomerProfile } from "./steps/claim-invited-customer"

export type AcceptEmployeeInviteWorkflowInput = ValidateEmployeeInviteStepInput & { profile: InvitedCustomerProfile }

/**
 * A storefront sign-up with an employee's invite: the new login (auth
 * identity) becomes the customer staff created for the employee, rather than
 * a second customer with the same e-mail. Medusa 2.21's
 * createCustomerAccountWorkflow would create that second customer: it only
 * refuses an e-mail that already has an account, and a staff-created customer
 * has none (`has_account: false`). Used by `POST /store/customers` when the
 * body carries `metadata.invite_token`.
 *
 * @example
 * const { result: customer } = await acceptEmployeeInviteWorkflow(container).run({
 *   input: { invite_token, auth_identity_id: "authid_123", email: "kim@acme.example", profile: { first_name: "Kim" } },
 * })
 */
export const acceptEmployeeInviteWorkflow = createWorkflow(
  "accept-employee-invite-workflow",
  (input: AcceptEmployeeInviteWorkflowInput) => {
    const invite = validateEmployeeInviteStep(input)
    const claim = transform({ invite, input }, ({ invite, input }) => ({
      customer_id: invite.customer_id,
      profile: input.profile,
    }))
    const customer = claimInvitedCustomerStep(claim)
    setAuthAppMetadataStep({ authIdentityId: input.auth_identity_id, actorType: "customer", value: invite.customer_id })
    return new WorkflowResponse(customer)
  }
)
