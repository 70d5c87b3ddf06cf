import type { AuthenticatedMedusaRequest, MedusaResponse } from "@medusajs/framework/http"
import { MedusaError } from "@medusajs/framework/utils"
import { INVOICING_MODULE } from "../../../../modules/invoicing"
import type InvoicingModuleService from "../../../../modules/invoicing/service"
import { toStoreInvoice } from "../../../../modules/invoicing/lib/invoice-views"
import { availableCredit, companyOfCustomer } from "../../../../workflows/invoicing/utils/buyer-invoices"
import { invoiceStatusFilter, StoreListInvoicesType } from "./validators"

/**
 * GET /store/b2b/invoices?status=&limit=&offset= — the invoices of the
 * caller's company, newest first, with its available net-terms credit.
 * 403 for a customer who is not a company employee.
 */
export async function GET(req: AuthenticatedMedusaRequest, res: MedusaResponse) {
  const query = (req as unknown as { validatedQuery: StoreListInvoicesType }).validatedQuery
  const buyer = await companyOfCustomer(req.scope, req.auth_context?.actor_id)
  if (!buyer) throw new MedusaError(MedusaError.Types.NOT_ALLOWED, "Only employees of a company have invoices")
  const invoicing = req.scope.resolve<InvoicingModuleService>(INVOICING_MODULE)
  const [invoices, count] = await invoicing.listAndCountInvoices(
    { company_id: buyer.company_id, ...invoiceStatusFilter(query.status) },
    { take: query.limit, skip: query.offset, order: { created_at: "DESC" } }
  )
  res.json({
    invoices: invoices.map(toStoreInvoice),
    count,
    limit: query.limit,
    offset: query.offset,
    credit: await availableCredit(req.scope, buyer),
  })
}
