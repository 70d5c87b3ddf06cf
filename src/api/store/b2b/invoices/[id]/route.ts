import type { AuthenticatedMedusaRequest, MedusaResponse } from "@medusajs/framework/http"
import { MedusaError } from "@medusajs/framework/utils"
import { INVOICING_MODULE } from "../../../../../modules/invoicing"
import type InvoicingModuleService from "../../../../../modules/invoicing/service"
import { toStoreInvoice } from "../../../../../modules/invoicing/lib/invoice-views"
import { companyOfCustomer } from "../../../../../workflows/invoicing/utils/buyer-invoices"

/**
 * GET /store/b2b/invoices/:id — one invoice of the caller's company. Another
 * company's invoice is answered exactly like a missing one (404).
 */
export async function GET(req: AuthenticatedMedusaRequest, res: MedusaResponse) {
  const buyer = await companyOfCustomer(req.scope, req.auth_context?.actor_id)
  const invoicing = req.scope.resolve<InvoicingModuleService>(INVOICING_MODULE)
  const [invoice] = buyer ? await invoicing.listInvoices({ id: req.params.id, company_id: buyer.company_id }) : []
  if (!invoice) throw new MedusaError(MedusaError.Types.NOT_FOUND, `Invoice ${req.params.id} was not found`)
  res.json({ invoice: toStoreInvoice(invoice) })
}
