import type { AuthenticatedMedusaRequest, MedusaResponse } from "@medusajs/framework/http"
import { MedusaError } from "@medusajs/framework/utils"
import { B2B_MODULE } from "../../../../modules/b2b"
import type B2bModuleService from "../../../../modules/b2b/service"
import { contractTermsForBuyer } from "../../../../workflows/b2b/utils/contract-terms-for-buyer"
import { requireEmployee } from "../helpers"
import type { StoreGetContractParamsType } from "../validators"

/**
 * GET /store/b2b/contract?currency_code=usd: the contract that prices my
 * orders now in that currency (default: my company's), own or inherited from
 * the nearest ancestor, with payment terms and credit position. Price rules
 * are not listed; ask for a price quote instead.
 */
export async function GET(req: AuthenticatedMedusaRequest<unknown, StoreGetContractParamsType>, res: MedusaResponse) {
  const { company } = await requireEmployee(req)
  const currency = (req.validatedQuery.currency_code as string | undefined) ?? company.currency_code
  const b2b = req.scope.resolve<B2bModuleService>(B2B_MODULE)
  const resolved = await b2b.resolveActiveContract(company.id, currency)
  if (!resolved) {
    throw new MedusaError(
      MedusaError.Types.NOT_FOUND,
      `${company.name} has no active ${currency.toUpperCase()} contract`
    )
  }
  const contract = { ...resolved.contract, company_id: resolved.owner_company_id }
  res.json({ contract: await contractTermsForBuyer(req.scope, contract, company.id) })
}
