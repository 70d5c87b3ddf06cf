import { createStep, StepResponse } from "@medusajs/framework/workflows-sdk"
import { INVOICING_MODULE } from "../../../modules/invoicing"
import type InvoicingModuleService from "../../../modules/invoicing/service"
import type { RecordHubEventStepInput } from "../../outbox/steps/record-hub-event"
import { withInvoiceLock } from "../utils/invoice-state"
import { liveInvoicesOfOrder } from "../utils/order-invoices"
import { voidOrderInvoice } from "../utils/void-invoice"

export const voidOrderInvoiceStepId = "void-order-invoice-step"

export type VoidOrderInvoiceStepInput = { order_id: string }

export type VoidOrderInvoiceStepOutput = {
  /** The order's last invoice handled (null without invoices). */
  invoice_id: string | null
  status: string | null
  /** Every invoice handled, with the status it ended in. */
  invoices: { invoice_id: string; status: string }[]
  events: RecordHubEventStepInput[]
}

/**
 * Voids each of the order's live invoices under its own lock (an order
 * changed after placement can have a reissue or a supplementary invoice
 * besides its first); paid ones are left alone. Stripe voids cannot be
 * undone, so there is no compensation: a failed run is run again (each void
 * is keyed per invoice).
 */
export const voidOrderInvoiceStep = createStep(
  voidOrderInvoiceStepId,
  async ({ order_id }: VoidOrderInvoiceStepInput, { container }) => {
    const invoicing = container.resolve<InvoicingModuleService>(INVOICING_MODULE)
    const output: VoidOrderInvoiceStepOutput = { invoice_id: null, status: null, invoices: [], events: [] }
    for (const found of await liveInvoicesOfOrder(container, order_id)) {
      const done = await withInvoiceLock(
        container,
        found.id,
        async () => await voidOrderInvoice(container, await invoicing.retrieveInvoice(found.id))
      )
      output.invoices.push({ invoice_id: done.invoice.id, status: done.invoice.status as string })
      output.events.push(...done.events)
      output.invoice_id = done.invoice.id
      output.status = done.invoice.status as string
    }
    return new StepResponse<VoidOrderInvoiceStepOutput>(output)
  }
)
