import { createWorkflow, transform, WorkflowResponse } from "@medusajs/framework/workflows-sdk"
import { voidOrderInvoiceStep } from "./steps/void-order-invoice"
import { recordHubEventsStep } from "../outbox/steps/record-hub-event"

export type VoidOrderInvoiceWorkflowInput = { order_id: string }

/**
 * A canceled order's unpaid invoice is voided (see voidOrderInvoice) and
 * `invoice.voided` recorded. Medusa's cancel-order flow only releases the
 * net-terms authorization (the provider's cancelPayment does not void: Medusa
 * also cancels payments when a return changes an unpaid order's amount).
 *
 * @example
 * await voidOrderInvoiceWorkflow(container).run({ input: { order_id } })
 */
export const voidOrderInvoiceWorkflow = createWorkflow(
  "void-order-invoice-workflow",
  (input: VoidOrderInvoiceWorkflowInput) => {
    const voided = voidOrderInvoiceStep({ order_id: input.order_id })
    recordHubEventsStep(transform({ voided }, ({ voided }) => voided.events))
    return new WorkflowResponse(voided)
  }
)
