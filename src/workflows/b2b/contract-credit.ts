import type { MedusaContainer } from "@medusajs/framework/types"
import { INVOICING_MODULE } from "../../modules/invoicing"
import type InvoicingModuleService from "../../modules/invoicing/service"

/** Invoices that still consume credit: issued or being issued, not paid or voided. */
export const OPEN_INVOICE_STATUSES = ["pending", "draft", "open", "uncollectible"]

export type ContractCredit = {
  credit_limit_minor: bigint
  /** Sum of amount_due_minor of the contract's open invoices. */
  open_balance_minor: bigint
  /** credit_limit − open balance; negative when the account is over its limit. */
  available_credit_minor: bigint
}

/**
 * How much of a contract's credit limit is used by open invoices and how
 * much is left. The same numbers gate a net-terms checkout and are shown to
 * the buyer on GET /store/b2b/contract.
 */
export async function contractCredit(
  container: MedusaContainer,
  contract: { id: string; credit_limit_minor: unknown }
): Promise<ContractCredit> {
  const invoicing = container.resolve<InvoicingModuleService>(INVOICING_MODULE)
  const open = await invoicing.listInvoices({ contract_id: contract.id, status: OPEN_INVOICE_STATUSES }, { select: ["amount_due_minor"] })
  const openMinor = open.reduce((sum, inv) => sum + BigInt(String(inv.amount_due_minor)), 0n)
  const limitMinor = BigInt(String(contract.credit_limit_minor ?? 0))
  return { credit_limit_minor: limitMinor, open_balance_minor: openMinor, available_credit_minor: limitMinor - openMinor }
}
