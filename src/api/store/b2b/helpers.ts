import type { AuthenticatedMedusaRequest } from "@medusajs/framework/http"
import { MedusaError } from "@medusajs/framework/utils"
import { resolveEmployee } from "../../../workflows/b2b/utils/contract-for-customer"

/** The caller's employee record and company; 404 for a customer who is not an employee. */
export async function requireEmployee(req: AuthenticatedMedusaRequest) {
  const found = await resolveEmployee(req.scope, req.auth_context?.actor_id)
  if (!found) throw new MedusaError(MedusaError.Types.NOT_FOUND, "You are not an employee of any company")
  return found
}
