import type { AuthenticatedMedusaRequest, MedusaResponse } from "@medusajs/framework/http"
import { MedusaError } from "@medusajs/framework/utils"
import { INVOICING_MODULE } from "../../../../../modules/invoicing"
import type InvoicingModuleService from "../../../../../modules/invoicing/service"
import { toStoreInvoice } from "../../../../../modules/invoicing/lib/invoice-views"
import { resolveEmployee } from "../../../../../workflows/b2b/utils/contract-for-customer"
import { companiesInScope } from "../../../../../workflows/b2b/utils/company-scope"

/**
 * GET /store/b2b/invoices/:id — one invoice of the caller's company (for
 * admin and finance of a parent company, of a subsidiary too). Another
 * company's invoice is answered exactly like a missing one (404).
 */
export async function GET(req: AuthenticatedMedusaRequest, res: MedusaResponse) {
  const found = await resolveEmployee(req.scope, req.auth_context?.actor_id)
  const company_ids = found
    ? await companiesInScope(req.scope, { role: found.employee.role, company_id: found.company.id })
    : []
  const invoicing = req.scope.resolve<InvoicingModuleService>(INVOICING_MODULE)
  const [invoice] = company_ids.length
    ? await invoicing.listInvoices({ id: req.params.id, company_id: company_ids })
    : []
  if (!invoice) throw new MedusaError(MedusaError.Types.NOT_FOUND, `Invoice ${req.params.id} was not found`)
  res.json({ invoice: toStoreInvoice(invoice) })
}
