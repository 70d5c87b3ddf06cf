import { createWorkflow, transform, when, WorkflowResponse } from "@medusajs/framework/workflows-sdk"
import { prepareInvoiceStep } from "./steps/prepare-invoice"
import { issueStripeInvoiceStep } from "./steps/issue-stripe-invoice"
import { linkInvoiceToPaymentStep } from "./steps/link-invoice-to-payment"
import { recordHubEventStep, recordHubEventsStep } from "../hub/steps/record-hub-event"
import { loadInvoiceEventDataStep } from "./steps/load-invoice-event-data"

export type IssueInvoiceWorkflowInput = { order_id: string }

/**
 * Issues the Stripe invoice of a placed net-terms order, exactly once, and
 * records `invoice.issued`. Safe to run again at any time — it is the retry:
 * the issuing step resumes from the progress recorded on the invoice, and its
 * idempotency keys make repeated Stripe calls replays. Run by the order.placed
 * subscriber, the invoices-reconcile job and POST /admin/invoices/:id/retry.
 *
 * @example
 * await issueInvoiceWorkflow(container).run({ input: { order_id } })
 */
export const issueInvoiceWorkflow = createWorkflow("issue-invoice-workflow", (input: IssueInvoiceWorkflowInput) => {
  const prepared = prepareInvoiceStep({ order_id: input.order_id })
  const ids = transform({ prepared }, ({ prepared }) => ({ invoice_id: prepared?.invoice_id ?? "", payment_id: prepared?.payment_id ?? "" }))
  const issued = when("is-net-terms-order", { prepared }, ({ prepared }) => !!prepared).then(() =>
    issueStripeInvoiceStep({ invoice_id: ids.invoice_id })
  )
  recordHubEventsStep(transform({ issued }, ({ issued }) => issued?.events ?? [])).config({ name: "record-issuing-side-events" })
  when("invoice-was-issued", { issued }, ({ issued }) => !!issued?.issued).then(() => {
    linkInvoiceToPaymentStep(ids)
    const data = loadInvoiceEventDataStep({ invoice_id: ids.invoice_id })
    const event = transform({ data }, ({ data }) => ({
      type: "invoice.issued",
      resource_type: "invoice",
      resource_id: data.id,
      dedupe_key: `invoice.issued:${data.id}`,
      data: { invoice: data },
    }))
    recordHubEventStep(event).config({ name: "record-invoice-issued" })
  })
  return new WorkflowResponse({ prepared, issued })
})
