import type { MedusaRequest, MedusaResponse } from "@medusajs/framework/http"
import { INVOICING_MODULE } from "../../../../modules/invoicing"
import type InvoicingModuleService from "../../../../modules/invoicing/service"
import { toAdminInvoice, toAdminInvoiceLines } from "../../../../modules/invoicing/lib/invoice-views"

/** GET /admin/invoices/:id — the invoice with the lines it billed and its credit notes. */
export async function GET(req: MedusaRequest, res: MedusaResponse) {
  const invoicing = req.scope.resolve<InvoicingModuleService>(INVOICING_MODULE)
  const invoice = await invoicing.retrieveInvoice(req.params.id)
  const notes = await invoicing.listCreditNotes({ invoice_id: invoice.id }, { order: { created_at: "ASC" } })
  res.json({
    invoice: toAdminInvoice(invoice),
    lines: toAdminInvoiceLines(invoice.money),
    credit_notes: notes.map((n) => ({
      id: n.id,
      reason_key: n.reason_key,
      amount_minor: Number(String(n.amount_minor)),
      stripe_credit_note_id: n.stripe_credit_note_id ?? null,
      created_at: new Date(n.created_at as unknown as string).toISOString(),
    })),
  })
}
