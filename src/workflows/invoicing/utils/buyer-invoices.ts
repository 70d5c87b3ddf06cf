// Reads a company's available net-terms credit for the store invoice routes (/store/b2b/invoices).
import type { MedusaContainer } from "@medusajs/framework/types"
import { B2B_MODULE } from "../../../modules/b2b"
import type B2bModuleService from "../../../modules/b2b/service"
import { contractCredit } from "../../b2b/utils/contract-credit"
import type { CreditView } from "../../../modules/invoicing/lib/invoice-views"

export type BuyerCompany = { company_id: string; currency_code: string }

/**
 * Net-terms credit of a company in its currency, the checkout's own figures
 * (contractCredit: the limit less open invoices across the company's
 * contracts in that currency and holds of orders not invoiced yet). Null
 * without an active contract.
 */
export async function availableCredit(container: MedusaContainer, buyer: BuyerCompany): Promise<CreditView | null> {
  const b2b = container.resolve<B2bModuleService>(B2B_MODULE)
  const resolved = await b2b.resolveActiveContract(buyer.company_id, buyer.currency_code)
  if (!resolved?.contract) return null
  const credit = await contractCredit(container, resolved.contract)
  return {
    currency_code: buyer.currency_code,
    credit_limit_minor: Number(credit.credit_limit_minor),
    open_invoices_minor: Number(credit.open_balance_minor),
    reserved_minor: Number(credit.held_minor),
    available_minor: Number(credit.available_credit_minor),
  }
}
