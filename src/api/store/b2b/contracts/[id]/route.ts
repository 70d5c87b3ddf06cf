import type { AuthenticatedMedusaRequest, MedusaResponse } from "@medusajs/framework/http"
import { MedusaError } from "@medusajs/framework/utils"
import { B2B_MODULE } from "../../../../../modules/b2b"
import type B2bModuleService from "../../../../../modules/b2b/service"
import { contractTermsForBuyer } from "../../../../../workflows/b2b/utils/contract-terms-for-buyer"
import { requireEmployee } from "../../helpers"

/**
 * GET /store/b2b/contracts/:id: terms of one of my company's contracts, or
 * of the ancestor's contract my company inherits right now. Anything else is
 * 404.
 */
export async function GET(req: AuthenticatedMedusaRequest, res: MedusaResponse) {
  const { company } = await requireEmployee(req)
  const b2b = req.scope.resolve<B2bModuleService>(B2B_MODULE)
  const notFound = () =>
    new MedusaError(MedusaError.Types.NOT_FOUND, `Contract with id: ${req.params.id} was not found`)
  const [contract] = await b2b.listContracts({ id: req.params.id }, { relations: ["company"] })
  if (!contract) throw notFound()
  const ownerId = contract.company?.id
  if (ownerId !== company.id) {
    const applying = await b2b.resolveActiveContract(company.id, contract.currency_code)
    if (applying?.contract.id !== contract.id) throw notFound()
  }
  res.json({ contract: await contractTermsForBuyer(req.scope, { ...contract, company_id: ownerId }, company.id) })
}
