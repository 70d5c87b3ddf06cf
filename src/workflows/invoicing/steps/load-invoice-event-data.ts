import { createStep, StepResponse } from "@medusajs/framework/workflows-sdk"
import { INVOICING_MODULE } from "../../../modules/invoicing"
import type InvoicingModuleService from "../../../modules/invoicing/service"
import { toInvoiceDocument, InvoiceDocument } from "../../../modules/invoicing/lib/invoice-document"

export const loadInvoiceEventDataStepId = "load-invoice-event-data-step"

/** The invoice as partners see it in `invoice.*` events. */
export const loadInvoiceEventDataStep = createStep(
  loadInvoiceEventDataStepId,
  async ({ invoice_id }: { invoice_id: string }, { container }) => {
    const invoicing = container.resolve<InvoicingModuleService>(INVOICING_MODULE)
    return new StepResponse<InvoiceDocument>(toInvoiceDocument(await invoicing.retrieveInvoice(invoice_id)))
  }
)
