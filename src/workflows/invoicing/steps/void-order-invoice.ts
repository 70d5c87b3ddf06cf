import { createStep, StepResponse } from "@medusajs/framework/workflows-sdk"
import { INVOICING_MODULE } from "../../../modules/invoicing"
import type InvoicingModuleService from "../../../modules/invoicing/service"
import type { RecordHubEventStepInput } from "../../hub/steps/record-hub-event"
import { withInvoiceLock } from "../lib/invoice-state"
import { voidOrderInvoice } from "../lib/void-invoice"

export const voidOrderInvoiceStepId = "void-order-invoice-step"

export type VoidOrderInvoiceStepInput = { order_id: string }

export type VoidOrderInvoiceStepOutput = { invoice_id: string | null; status: string | null; events: RecordHubEventStepInput[] }

/** Voids the order's invoice under its lock; a paid invoice is left alone. */
export const voidOrderInvoiceStep = createStep(
  voidOrderInvoiceStepId,
  async ({ order_id }: VoidOrderInvoiceStepInput, { container }) => {
    const invoicing = container.resolve<InvoicingModuleService>(INVOICING_MODULE)
    const [found] = await invoicing.listInvoices({ order_id })
    if (!found) return new StepResponse<VoidOrderInvoiceStepOutput>({ invoice_id: null, status: null, events: [] })
    const output = await withInvoiceLock(container, found.id, async () => {
      const { invoice, events } = await voidOrderInvoice(container, await invoicing.retrieveInvoice(found.id))
      return { invoice_id: invoice.id, status: invoice.status as string, events }
    })
    return new StepResponse<VoidOrderInvoiceStepOutput>(output)
  }
)
