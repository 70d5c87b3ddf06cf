import type { AuthenticatedMedusaRequest, MedusaResponse } from "@medusajs/framework/http"
import { MedusaError } from "@medusajs/framework/utils"
import type { StoreCreateCustomerType } from "@medusajs/medusa/api/store/customers/validators"
import { refetchCustomer } from "@medusajs/medusa/api/store/customers/helpers"
import { acceptEmployeeInviteWorkflow } from "../../../workflows/b2b/accept-employee-invite"
import { registerStoreCustomerWorkflow } from "../../../workflows/b2b/register-store-customer"
import { parseOrThrow } from "../../utils/validate-body"
import { StoreCustomerInvite } from "./validators"

/**
 * POST /store/customers: Medusa's sign-up route (the second call after
 * POST /auth/customer/emailpass/register), replaced by this file — a project
 * route overrides the core route with the same path, and Medusa's middlewares
 * for it still run (registration token, StoreCreateCustomer body, `fields`).
 *
 * - With `metadata.invite_token` (the invite staff got when they added the
 *   employee), the new login becomes that employee's customer.
 * - Without it, an employee's e-mail is refused; any other sign-up is
 *   Medusa's, unchanged.
 */
export async function POST(req: AuthenticatedMedusaRequest<StoreCreateCustomerType>, res: MedusaResponse) {
  // Same guard as Medusa's route: a token that already names a customer cannot sign up again.
  if (req.auth_context.actor_id) {
    throw new MedusaError(MedusaError.Types.INVALID_DATA, "Request already authenticated as a customer.")
  }
  const invite_token = parseOrThrow(StoreCustomerInvite, req.validatedBody).metadata?.invite_token
  // On the invite path the metadata only carried the token: it is not stored.
  const { email, metadata: _carriedTheInvite, ...profile } = req.validatedBody
  const auth_identity_id = req.auth_context.auth_identity_id

  const { result } = invite_token
    ? await acceptEmployeeInviteWorkflow(req.scope).run({ input: { invite_token, auth_identity_id, email, profile } })
    : await registerStoreCustomerWorkflow(req.scope).run({
        input: { authIdentityId: auth_identity_id, customerData: req.validatedBody },
      })
  const customer = await refetchCustomer(result.id, req.scope, req.queryConfig.fields)
  res.status(200).json({ customer })
}
