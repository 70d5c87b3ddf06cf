import type { MedusaContainer } from "@medusajs/framework/types"
import { B2B_MODULE } from "../../modules/b2b"
import type B2bModuleService from "../../modules/b2b/service"
import { creditExposure, type CreditAccount, type CreditExposure } from "./credit-exposure"

/** Invoices that still consume credit: issued or being issued, not paid or voided. */
export { OPEN_INVOICE_STATUSES } from "../../modules/invoicing/lib/status"

export type ContractCredit = {
  credit_limit_minor: bigint
  /** Σ amount_due_minor of the open invoices under any of the company's contracts in this currency (renewals included). */
  open_balance_minor: bigint
  /** Σ holds of net-terms orders (and edits) whose invoice record does not exist yet. */
  held_minor: bigint
  /** credit_limit − open balance − held; negative when the account is over its limit. */
  available_credit_minor: bigint
}

export function creditPosition(limitMinor: bigint, exposure: CreditExposure): ContractCredit {
  return {
    credit_limit_minor: limitMinor,
    open_balance_minor: exposure.open_invoices_minor,
    held_minor: exposure.held_minor,
    available_credit_minor: limitMinor - exposure.open_invoices_minor - exposure.held_minor,
  }
}

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
  return { company_id: (row as any).company_id, currency_code: row.currency_code }
}
