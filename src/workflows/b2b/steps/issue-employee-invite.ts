import { createStep, StepResponse } from "@medusajs/framework/workflows-sdk"
import { MedusaError, Modules } from "@medusajs/framework/utils"
import { B2B_MODULE } from "../../../modules/b2b"
import type B2bModuleService from "../../../modules/b2b/service"
import { newInviteId, signEmployeeInvite } from "../../../lib/employee-invites/invite-token"
import { INVITE_ID_METADATA_KEY, inviteSecret } from "../../../lib/employee-invites/invite-context"

export const issueEmployeeInviteStepId = "issue-employee-invite-step"

export type IssueEmployeeInviteStepInput = {
  /** The employee whose customer has no storefront account yet. */
  employee_id: string
}

export type EmployeeInvite = {
  /** Shown once to staff, who send it to the person (there is no e-mail sender). */
  token: string
  /** ISO 8601. */
  expires_at: string
}

/**
 * Issues the invite a new employee signs up with on the storefront, and
 * records its id on the customer, which voids any earlier invite. The token
 * itself is not stored. A customer who already has an account needs no
 * invite (400). Compensation puts the previous invite id back.
 */
export const issueEmployeeInviteStep = createStep(
  issueEmployeeInviteStepId,
  async ({ employee_id }: IssueEmployeeInviteStepInput, { container }) => {
    const employee = await container
      .resolve<B2bModuleService>(B2B_MODULE)
      .retrieveEmployee(employee_id, { select: ["id", "customer_id"] })
    const customers = container.resolve(Modules.CUSTOMER)
    const customer = await customers.retrieveCustomer(employee.customer_id, {
      select: ["id", "email", "has_account", "metadata"],
    })
    if (customer.has_account) {
      throw new MedusaError(
        MedusaError.Types.NOT_ALLOWED,
        `customer ${customer.id} already has a storefront account: the employee logs in with it, no invite is needed`
      )
    }
    if (!customer.email)
      throw new MedusaError(MedusaError.Types.INVALID_DATA, `customer ${customer.id} has no e-mail to invite`)

    const invite_id = newInviteId()
    // "" deletes the key again on compensation (Medusa merges metadata).
    const previous = (customer.metadata?.[INVITE_ID_METADATA_KEY] as string | undefined) ?? ""
    await customers.updateCustomers(customer.id, { metadata: { [INVITE_ID_METADATA_KEY]: invite_id } })
    const { token, expires_at } = await signEmployeeInvite(inviteSecret(container), {
      invite_id,
      employee_id,
      customer_id: customer.id,
      email: customer.email,
    })
    const invite: EmployeeInvite = { token, expires_at: expires_at.toISOString() }
    return new StepResponse(invite, { customer_id: customer.id, previous })
  },
  async (undo, { container }) => {
    if (!undo) return
    await container
      .resolve(Modules.CUSTOMER)
      .updateCustomers(undo.customer_id, { metadata: { [INVITE_ID_METADATA_KEY]: undo.previous } })
  }
)
