import { createStep, StepResponse } from "@medusajs/framework/workflows-sdk"
import { MedusaError, Modules } from "@medusajs/framework/utils"
import { B2B_MODULE } from "../../../modules/b2b"
import type B2bModuleService from "../../../modules/b2b/service"
import { sameEmail } from "../utils/email-filter"

export const validateInviteeEmailStepId = "validate-invitee-email-step"

export type ValidateInviteeEmailStepInput = {
  /** The inviting company. */
  company_id: string
  /** The e-mail a company admin invites. */
  email: string
}

const conflict = (message: string) => new MedusaError(MedusaError.Types.CONFLICT, `email: ${message}`)

/**
 * A company admin invites only someone the shop does not know yet: 409
 * `email` for an e-mail that is already a customer's, guest or account
 * holder, employee or not. Attaching an existing customer would hand the
 * company that person's earlier orders and is the merchant's call
 * (POST /admin/companies/:id/employees); a registered customer could not
 * accept an invite anyway (one account per e-mail). Read-only.
 */
export const validateInviteeEmailStep = createStep(
  validateInviteeEmailStepId,
  async ({ company_id, email }: ValidateInviteeEmailStepInput, { container }) => {
    const customers = await container
      .resolve(Modules.CUSTOMER)
      .listCustomers({ email: sameEmail(email) }, { select: ["id"] })
    if (!customers.length) return new StepResponse(undefined)
    const [colleague] = await container
      .resolve<B2bModuleService>(B2B_MODULE)
      .listEmployees({ customer_id: customers.map((c) => c.id), company_id }, { select: ["id", "deactivated_at"] })
    if (colleague?.deactivated_at) {
      throw conflict(`${email} is a deactivated employee of this company (${colleague.id}); reactivate them instead`)
    }
    if (colleague) throw conflict(`${email} is already an employee of this company (${colleague.id})`)
    // Whether the e-mail works for another company is not this company's business: one answer for both.
    throw conflict(`${email} already has a customer record in this shop; ask the merchant to add it to your company`)
  }
)
