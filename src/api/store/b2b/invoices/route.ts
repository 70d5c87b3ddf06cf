import type { AuthenticatedMedusaRequest, MedusaResponse } from "@medusajs/framework/http"
import { MedusaError } from "@medusajs/framework/utils"
import { B2B_MODULE } from "../../../../modules/b2b"
import type B2bModuleService from "../../../../modules/b2b/service"
import { INVOICING_MODULE } from "../../../../modules/invoicing"
import type InvoicingModuleService from "../../../../modules/invoicing/service"
import { toStoreInvoice } from "../../../../modules/invoicing/lib/invoice-views"
import { resolveEmployee } from "../../../../workflows/b2b/utils/contract-for-customer"
import { companiesInScope } from "../../../../workflows/b2b/utils/company-scope"
import { availableCredit } from "../../../../workflows/invoicing/utils/buyer-invoices"
import { invoiceStatusFilter, StoreListInvoicesType } from "./validators"

/**
 * GET /store/b2b/invoices?status=&company_id=&limit=&offset= — the invoices
 * of the caller's company, newest first; admin and finance of a parent
 * company also see its subsidiaries' (`company_id` narrows to one, any other
 * is 404). `credit` is the available net-terms credit of the caller's
 * company, or of the one `company_id` names. 400 for a customer who is not
 * a company employee.
 */
export async function GET(req: AuthenticatedMedusaRequest, res: MedusaResponse) {
  const query = (req as unknown as { validatedQuery: StoreListInvoicesType }).validatedQuery
  const found = await resolveEmployee(req.scope, req.auth_context?.actor_id)
  if (!found) throw new MedusaError(MedusaError.Types.NOT_ALLOWED, "Only employees of a company have invoices")
  const { employee, company } = found
  const company_ids = await companiesInScope(
    req.scope,
    { role: employee.role, company_id: company.id },
    query.company_id
  )
  const invoicing = req.scope.resolve<InvoicingModuleService>(INVOICING_MODULE)
  const [invoices, count] = await invoicing.listAndCountInvoices(
    { company_id: company_ids, ...invoiceStatusFilter(query.status) },
    { take: query.limit, skip: query.offset, order: { created_at: "DESC" } }
  )
  const creditOf = query.company_id
    ? await req.scope
        .resolve<B2bModuleService>(B2B_MODULE)
        .retrieveCompany(query.company_id, { select: ["id", "currency_code"] })
    : company
  res.json({
    invoices: invoices.map(toStoreInvoice),
    count,
    limit: query.limit,
    offset: query.offset,
    credit: await availableCredit(req.scope, { company_id: creditOf.id, currency_code: creditOf.currency_code }),
  })
}
