import { createStep, StepResponse } from "@medusajs/framework/workflows-sdk"
import { MedusaError, Modules } from "@medusajs/framework/utils"
import { B2B_MODULE } from "../../../modules/b2b"
import type B2bModuleService from "../../../modules/b2b/service"
import { EmployeeInviteError, verifyEmployeeInvite } from "../../../lib/employee-invites/invite-token"
import { INVITE_ID_METADATA_KEY, inviteSecret } from "../../../lib/employee-invites/invite-context"

export const validateEmployeeInviteStepId = "validate-employee-invite-step"

export type ValidateEmployeeInviteStepInput = {
  /** The invite staff sent (`metadata.invite_token` in POST /store/customers). */
  invite_token: string
  /** The registration's auth identity (POST /auth/customer/emailpass/register). */
  auth_identity_id: string
  /** The e-mail the sign-up form sent, if any: it must be the invited one. */
  email?: string | null
}

export type ValidatedEmployeeInvite = { customer_id: string; employee_id: string }

const refuse = (message: string) => new MedusaError(MedusaError.Types.INVALID_DATA, `metadata.invite_token: ${message}`)
const lower = (email: string | null | undefined) => (email ?? "").trim().toLowerCase()

/** The e-mails an auth identity signed up with: emailpass's entity id, or what another provider reported. */
function identityEmails(identity: {
  provider_identities?: Array<{ provider: string; entity_id: string; user_metadata?: Record<string, unknown> | null }>
}): string[] {
  return (identity.provider_identities ?? [])
    .map((p) => (p.provider === "emailpass" ? p.entity_id : (p.user_metadata?.email as string | undefined)))
    .filter((e): e is string => !!e)
    .map(lower)
}

/**
 * An invite is accepted only while it is the customer's current one (not
 * replaced, not used), its employee still exists, the customer still has no
 * account and the same e-mail, and the registration was made with that
 * e-mail: the token proves the person got the invite, the e-mail keeps the
 * login what staff expect. 400 `metadata.invite_token` otherwise. Read-only.
 */
export const validateEmployeeInviteStep = createStep(
  validateEmployeeInviteStepId,
  async (input: ValidateEmployeeInviteStepInput, { container }) => {
    const claims = await verifyEmployeeInvite(inviteSecret(container), input.invite_token).catch((e) => {
      throw e instanceof EmployeeInviteError ? refuse(e.message) : e
    })
    const b2b = container.resolve<B2bModuleService>(B2B_MODULE)
    const [employee] = await b2b.listEmployees(
      { id: claims.employee_id, customer_id: claims.customer_id },
      { select: ["id"] }
    )
    const customers = container.resolve(Modules.CUSTOMER)
    const [customer] = await customers.listCustomers(
      { id: claims.customer_id },
      { select: ["id", "email", "has_account", "metadata"] }
    )
    if (!employee || !customer || lower(customer.email) !== claims.email)
      throw refuse("the invite is no longer valid; ask for a new one")
    if (customer.has_account || customer.metadata?.[INVITE_ID_METADATA_KEY] !== claims.invite_id) {
      throw refuse("the invite has been used or replaced by a newer one")
    }

    const identity = await container
      .resolve(Modules.AUTH)
      .retrieveAuthIdentity(input.auth_identity_id, { relations: ["provider_identities"] })
    if (!identityEmails(identity).includes(claims.email)) {
      throw new MedusaError(
        MedusaError.Types.INVALID_DATA,
        `email: register with the e-mail the invite was sent to (${claims.email})`
      )
    }
    if (input.email && lower(input.email) !== claims.email) {
      throw new MedusaError(MedusaError.Types.INVALID_DATA, `email: must be the invited e-mail (${claims.email})`)
    }
    // Medusa keeps one customer with an account per e-mail (a unique index).
    const accounts = await customers.listCustomers({ email: customer.email!, has_account: true }, { select: ["id"] })
    if (accounts.length)
      throw new MedusaError(MedusaError.Types.DUPLICATE_ERROR, "Customer with this email already has an account")

    return new StepResponse<ValidatedEmployeeInvite>({ customer_id: customer.id, employee_id: employee.id })
  }
)
