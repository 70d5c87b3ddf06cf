import type { MedusaRequest, MedusaResponse } from "@medusajs/framework/http"
import { INVOICING_MODULE } from "../../../modules/invoicing"
import type InvoicingModuleService from "../../../modules/invoicing/service"
import { toAdminInvoice } from "../../../modules/invoicing/lib/invoice-views"
import { invoiceStatusFilter, type InvoiceFilters } from "../../store/b2b/invoices/validators"
import type { AdminListInvoicesType } from "./validators"

/** GET /admin/invoices?company_id=&status=&order_id=&limit=&offset= — newest first. */
export async function GET(req: MedusaRequest, res: MedusaResponse) {
  const query = (req as unknown as { validatedQuery: AdminListInvoicesType }).validatedQuery
  const invoicing = req.scope.resolve<InvoicingModuleService>(INVOICING_MODULE)
  const filters: InvoiceFilters = { ...invoiceStatusFilter(query.status) }
  if (query.company_id) filters.company_id = query.company_id
  if (query.order_id) filters.order_id = query.order_id
  const [invoices, count] = await invoicing.listAndCountInvoices(filters, {
    take: query.limit,
    skip: query.offset,
    order: { created_at: "DESC" },
  })
  res.json({ invoices: invoices.map(toAdminInvoice), count, limit: query.limit, offset: query.offset })
}
