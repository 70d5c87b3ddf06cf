import type { CustomerUpdatableFields } from "@medusajs/framework/types"
import { createStep, StepResponse } from "@medusajs/framework/workflows-sdk"
import { Modules } from "@medusajs/framework/utils"
import { INVITE_ID_METADATA_KEY } from "../../../lib/employee-invites/invite-context"

export const claimInvitedCustomerStepId = "claim-invited-customer-step"

/** What a storefront sign-up form may fill in (Medusa's StoreCreateCustomer, less e-mail and metadata). */
export type InvitedCustomerProfile = {
  first_name?: string | null
  last_name?: string | null
  phone?: string | null
  company_name?: string | null
}

export type ClaimInvitedCustomerStepInput = {
  /** The staff-created customer the invite names (validated). */
  customer_id: string
  /** Fields the person entered; those left out keep what staff wrote. */
  profile: InvitedCustomerProfile
}

const PROFILE_FIELDS = ["first_name", "last_name", "phone", "company_name"] as const

/**
 * `has_account` is a column of Medusa's customer model that its update type
 * leaves out (Medusa sets it only when creating); the service writes it.
 */
type AccountUpdate = Record<string, unknown> & { has_account: boolean }
const asUpdate = (update: AccountUpdate) => update as CustomerUpdatableFields

/**
 * The staff-created customer becomes an account holder (`has_account`), with
 * the profile the person entered, and its invite is used up (the id leaves
 * its metadata, so the token cannot be accepted again). Compensation restores
 * the customer as it was, invite included.
 */
export const claimInvitedCustomerStep = createStep(
  claimInvitedCustomerStepId,
  async ({ customer_id, profile }: ClaimInvitedCustomerStepInput, { container }) => {
    const customers = container.resolve(Modules.CUSTOMER)
    const before = await customers.retrieveCustomer(customer_id, {
      select: ["id", "has_account", "metadata", ...PROFILE_FIELDS],
    })
    const entered = Object.fromEntries(PROFILE_FIELDS.filter((f) => profile[f] != null).map((f) => [f, profile[f]]))
    // "" removes the key (Medusa merges metadata).
    const customer = await customers.updateCustomers(
      customer_id,
      asUpdate({ ...entered, has_account: true, metadata: { [INVITE_ID_METADATA_KEY]: "" } })
    )
    const undo = {
      customer_id,
      has_account: before.has_account,
      invite_id: (before.metadata?.[INVITE_ID_METADATA_KEY] as string | undefined) ?? "",
      profile: Object.fromEntries(PROFILE_FIELDS.map((f) => [f, before[f] ?? null])),
    }
    return new StepResponse(customer, undo)
  },
  async (undo, { container }) => {
    if (!undo) return
    await container.resolve(Modules.CUSTOMER).updateCustomers(
      undo.customer_id,
      asUpdate({
        ...undo.profile,
        has_account: undo.has_account,
        metadata: { [INVITE_ID_METADATA_KEY]: undo.invite_id },
      })
    )
  }
)
