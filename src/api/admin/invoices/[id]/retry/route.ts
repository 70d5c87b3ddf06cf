import type { MedusaRequest, MedusaResponse } from "@medusajs/framework/http"
import { MedusaError } from "@medusajs/framework/utils"
import { INVOICING_MODULE } from "../../../../../modules/invoicing"
import type InvoicingModuleService from "../../../../../modules/invoicing/service"
import { toAdminInvoice } from "../../../../../modules/invoicing/lib/invoice-views"
import { retryRefusal } from "../../../../../modules/invoicing/lib/retry-refusal"
import { issueInvoiceWorkflow } from "../../../../../workflows/invoicing/issue-invoice"
import { describeError } from "../../../../../lib/errors/describe-error"

/**
 * POST /admin/invoices/:id/retry — runs the issuing workflow again for exactly
 * this invoice (it resumes where the last run stopped). 200 with the invoice;
 * 404 for an unknown id; 409 `not_retryable` with the invoice when it cannot
 * be issued again (void, or already sent); 502 with the invoice and Stripe's
 * error if the run failed again.
 */
export async function POST(req: MedusaRequest, res: MedusaResponse) {
  const invoicing = req.scope.resolve<InvoicingModuleService>(INVOICING_MODULE)
  const [before] = await invoicing.listInvoices({ id: req.params.id })
  if (!before) throw new MedusaError(MedusaError.Types.NOT_FOUND, `Invoice ${req.params.id} was not found`)
  const [replacement] = before.status === "void" ? await invoicing.listInvoices({ replaces_invoice_id: before.id }) : []
  const refusal = retryRefusal(before, replacement?.id ?? null)
  // Answered here: Medusa's error handler words every CONFLICT as an idempotency-key clash.
  if (refusal) {
    res.status(409).json({ type: "not_retryable", message: refusal, invoice: toAdminInvoice(before) })
    return
  }

  const { errors } = await issueInvoiceWorkflow(req.scope).run({
    input: { order_id: before.order_id, invoice_id: before.id },
    throwOnError: false,
  })
  const invoice = toAdminInvoice(await invoicing.retrieveInvoice(before.id))
  if (errors?.length) {
    res.status(502).json({ type: "issuing_failed", message: describeError(errors[0].error), invoice })
    return
  }
  res.json({ invoice })
}
