import type { AuthenticatedMedusaRequest, MedusaResponse } from "@medusajs/framework/http"
import { MedusaError } from "@medusajs/framework/utils"
import { companyForBuyer } from "../../../../../modules/b2b/lib/buyer-views"
import { requireEmployee } from "../../helpers"

/**
 * GET /store/b2b/companies/:id: only the caller's own company. Any other id,
 * parent and child companies included, is 404 (not 403: whether a company
 * exists is not the caller's business).
 */
export async function GET(req: AuthenticatedMedusaRequest, res: MedusaResponse) {
  const { company } = await requireEmployee(req)
  if (company.id !== req.params.id)
    throw new MedusaError(MedusaError.Types.NOT_FOUND, `Company with id: ${req.params.id} was not found`)
  res.json({ company: companyForBuyer(company) })
}
