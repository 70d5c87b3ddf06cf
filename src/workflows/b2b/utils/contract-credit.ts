// Reads a contract's credit position (limit, open invoices, holds) for credit checks and buyer views.
import type { MedusaContainer } from "@medusajs/framework/types"
import { B2B_MODULE } from "../../../modules/b2b"
import type B2bModuleService from "../../../modules/b2b/service"
import { creditPosition, type ContractCredit, type CreditAccount } from "../../../modules/b2b/lib/credit-position"
import { creditExposure } from "./credit-exposure"

/**
 * How much of a contract's credit limit is used and how much is left, counted
 * on the account the contract belongs to (its company and currency): open
 * invoices of all that company's contracts plus holds of orders not invoiced
 * yet (credit-exposure.ts). The same exposure gates a net-terms checkout
 * (reserve-credit.ts, under the credit lock) and is shown to the buyer on
 * GET /store/b2b/contract.
 */
export async function contractCredit(
  container: MedusaContainer,
  contract: { id: string; credit_limit_minor: unknown; company_id?: string | null; currency_code?: string | null }
): Promise<ContractCredit> {
  const account = await creditAccountOf(container, contract)
  const limitMinor = BigInt(String(contract.credit_limit_minor ?? 0))
  return creditPosition(limitMinor, await creditExposure(container, account))
}

/** The contract's owner company and currency; read from the contract when the caller did not pass them. */
export async function creditAccountOf(
  container: MedusaContainer,
  contract: { id: string; company_id?: string | null; currency_code?: string | null }
): Promise<CreditAccount> {
  if (contract.company_id && contract.currency_code)
    return { company_id: contract.company_id, currency_code: contract.currency_code }
  const b2b = container.resolve<B2bModuleService>(B2B_MODULE)
  const row = await b2b.retrieveContract(contract.id, {
    select: ["id", "company_id", "currency_code"],
    withDeleted: true,
  })
  return { company_id: row.company_id, currency_code: row.currency_code }
}
