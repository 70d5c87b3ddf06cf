import type { MedusaContainer } from "@medusajs/framework/types"
import { B2B_MODULE } from "../../../modules/b2b"
import type B2bModuleService from "../../../modules/b2b/service"
import { INVOICING_MODULE } from "../../../modules/invoicing"
import type InvoicingModuleService from "../../../modules/invoicing/service"
import { OPEN_INVOICE_STATUSES } from "../../../modules/invoicing/lib/status"
import type { CreditView } from "../../../modules/invoicing/lib/invoice-views"

export type BuyerCompany = { company_id: string; currency_code: string }

/** The company a storefront customer buys for; null if they are not an employee. */
export async function companyOfCustomer(container: MedusaContainer, customerId: string | undefined): Promise<BuyerCompany | null> {
  if (!customerId) return null
  const b2b = container.resolve<B2bModuleService>(B2B_MODULE)
  const [employee] = await b2b.listEmployees({ customer_id: customerId }, { relations: ["company"] })
  const company = (employee as any)?.company
  return company ? { company_id: company.id, currency_code: company.currency_code } : null
}

/**
 * Net-terms credit of a company in its currency, computed as the checkout's
 * credit check does: the contract's limit less what open invoices under that
 * contract still owe. Null without an active contract.
 */
export async function availableCredit(container: MedusaContainer, buyer: BuyerCompany): Promise<CreditView | null> {
  const b2b = container.resolve<B2bModuleService>(B2B_MODULE)
  const resolved = await b2b.resolveActiveContract(buyer.company_id, buyer.currency_code)
  if (!resolved?.contract) return null
  const invoicing = container.resolve<InvoicingModuleService>(INVOICING_MODULE)
  const open = await invoicing.listInvoices({ contract_id: resolved.contract.id, status: OPEN_INVOICE_STATUSES }, { select: ["amount_due_minor"] })
  const openMinor = open.reduce((sum, inv) => sum + BigInt(String(inv.amount_due_minor)), 0n)
  const limit = BigInt(String((resolved.contract as any).credit_limit_minor ?? 0))
  return {
    currency_code: buyer.currency_code,
    credit_limit_minor: Number(limit),
    open_invoices_minor: Number(openMinor),
    available_minor: Number(limit - openMinor),
  }
}
