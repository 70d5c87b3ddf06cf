import { createStep, StepResponse } from "@medusajs/framework/workflows-sdk"
import { MedusaError, Modules } from "@medusajs/framework/utils"
import { B2B_MODULE } from "../../../modules/b2b"
import type B2bModuleService from "../../../modules/b2b/service"
import { sameEmail } from "../utils/email-filter"

export const refuseUninvitedEmployeeEmailStepId = "refuse-uninvited-employee-email-step"

export type RefuseUninvitedEmployeeEmailStepInput = {
  /** The e-mail of a storefront sign-up without an invite. */
  email?: string | null
}

/**
 * A sign-up without an invite must not claim the e-mail of an employee staff
 * added who has no account yet: the registration would become a second
 * customer with that e-mail, working for nobody, and the real employee could
 * no longer sign up. Refused (400 `metadata.invite_token`) — anyone can register any
 * e-mail with Medusa's emailpass provider, so the e-mail proves nothing.
 * Other e-mails, guests' included, go on to Medusa's own flow. Read-only.
 */
export const refuseUninvitedEmployeeEmailStep = createStep(
  refuseUninvitedEmployeeEmailStepId,
  async ({ email }: RefuseUninvitedEmployeeEmailStepInput, { container }) => {
    if (!email) return new StepResponse(undefined)
    const customers = await container
      .resolve(Modules.CUSTOMER)
      .listCustomers({ email: sameEmail(email), has_account: false }, { select: ["id"] })
    if (!customers.length) return new StepResponse(undefined)
    const employees = await container
      .resolve<B2bModuleService>(B2B_MODULE)
      .listEmployees({ customer_id: customers.map((c) => c.id) }, { select: ["id"] })
    if (employees.length) {
      throw new MedusaError(
        MedusaError.Types.NOT_ALLOWED,
        "metadata.invite_token: this e-mail belongs to a company's employee; sign up with the invite your company sent you (its administrator can issue a new one)"
      )
    }
    return new StepResponse(undefined)
  }
)
