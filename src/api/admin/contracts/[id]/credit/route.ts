import type { MedusaRequest, MedusaResponse } from "@medusajs/framework/http"
import { MedusaError } from "@medusajs/framework/utils"
import { B2B_MODULE } from "../../../../../modules/b2b"
import { jsonMinor } from "../../../../../modules/b2b/lib/buyer-views"
import type B2bModuleService from "../../../../../modules/b2b/service"
import { contractCredit } from "../../../../../workflows/b2b/utils/contract-credit"

/**
 * GET /admin/contracts/:id/credit: the live credit position of the contract's
 * account (its company and currency) as checkout counts it: the limit, open
 * invoices, holds of orders not invoiced yet, and what is left.
 */
export async function GET(req: MedusaRequest, res: MedusaResponse) {
  const b2b = req.scope.resolve<B2bModuleService>(B2B_MODULE)
  const [contract] = await b2b.listContracts(
    { id: req.params.id },
    { select: ["id", "company_id", "currency_code", "credit_limit_minor"] }
  )
  if (!contract) throw new MedusaError(MedusaError.Types.NOT_FOUND, `Contract with id: ${req.params.id} was not found`)
  const credit = await contractCredit(req.scope, contract)
  res.json({
    credit: {
      contract_id: contract.id,
      currency_code: contract.currency_code,
      credit_limit_minor: jsonMinor(credit.credit_limit_minor),
      open_balance_minor: jsonMinor(credit.open_balance_minor),
      held_minor: jsonMinor(credit.held_minor),
      available_credit_minor: jsonMinor(credit.available_credit_minor),
    },
  })
}
