import type { MedusaRequest, MedusaResponse } from "@medusajs/framework/http"
import { INVOICING_MODULE } from "../../../../../modules/invoicing"
import type InvoicingModuleService from "../../../../../modules/invoicing/service"
import { toAdminInvoice } from "../../../../../modules/invoicing/lib/invoice-views"
import { issueInvoiceWorkflow } from "../../../../../workflows/invoicing/issue-invoice"

/**
 * POST /admin/invoices/:id/retry — runs the issuing workflow again now (it
 * resumes where the last run stopped; an issued invoice is left as it is).
 * 200 with the invoice; 502 with the invoice and Stripe's error if the run
 * failed again.
 */
export async function POST(req: MedusaRequest, res: MedusaResponse) {
  const invoicing = req.scope.resolve<InvoicingModuleService>(INVOICING_MODULE)
  const before = await invoicing.retrieveInvoice(req.params.id)
  const { errors } = await issueInvoiceWorkflow(req.scope).run({ input: { order_id: before.order_id }, throwOnError: false })
  const invoice = toAdminInvoice(await invoicing.retrieveInvoice(before.id))
  if (errors?.length) {
    const error = errors[0].error as { message?: string }
    res.status(502).json({ type: "issuing_failed", message: error?.message ?? String(error), invoice })
    return
  }
  res.json({ invoice })
}
