// Reads a contract's live credit position to show its terms to a buyer (GET /store/b2b/contract, /store/b2b/contracts/:id).
import type { MedusaContainer } from "@medusajs/framework/types"
import { jsonMinor } from "../../../modules/b2b/lib/buyer-views"
import { contractCredit } from "./contract-credit"

/** The contract fields the terms show; the owner company by id or as a relation. */
export type ContractForTerms = {
  id: string
  reference?: string | null
  currency_code: string
  valid_from: Date | string
  valid_to?: Date | string | null
  status: string
  payment_terms: string
  credit_limit_minor: unknown
  company_id?: string | null
  company?: { id: string } | null
}

/** A contract's terms with its live credit position (amounts in minor units). */
export async function contractTermsForBuyer(
  container: MedusaContainer,
  contract: ContractForTerms,
  buyerCompanyId: string
) {
  const credit = await contractCredit(container, { id: contract.id, credit_limit_minor: contract.credit_limit_minor })
  return {
    id: contract.id,
    reference: contract.reference ?? null,
    currency_code: contract.currency_code,
    valid_from: contract.valid_from,
    valid_to: contract.valid_to ?? null,
    status: contract.status,
    payment_terms: contract.payment_terms,
    credit_limit_minor: jsonMinor(credit.credit_limit_minor),
    open_balance_minor: jsonMinor(credit.open_balance_minor),
    available_credit_minor: jsonMinor(credit.available_credit_minor),
    /** The company the contract belongs to: the buyer's own, or an ancestor it inherits from. */
    company_id: contract.company_id ?? contract.company?.id,
    inherited: (contract.company_id ?? contract.company?.id) !== buyerCompanyId,
  }
}
