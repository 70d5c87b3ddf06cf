import { createWorkflow, transform, when, WorkflowResponse } from "@medusajs/framework/workflows-sdk"
import { prepareInvoiceStep } from "./steps/prepare-invoice"
import { ensureInvoicePaymentStep } from "./steps/ensure-invoice-payment"
import { issueStripeInvoiceStep } from "./steps/issue-stripe-invoice"
import { linkInvoiceToPaymentStep } from "./steps/link-invoice-to-payment"
import { recordHubEventStep, recordHubEventsStep } from "../outbox/steps/record-hub-event"
import { loadInvoiceEventDataStep } from "./steps/load-invoice-event-data"
import { releaseOrderCreditHoldsStep } from "../b2b/steps/release-order-credit-holds"

export type IssueInvoiceWorkflowInput = {
  order_id: string
  /** One invoice of the order (a reissue or supplementary invoice, or a retry of a given record); default: the order's own. */
  invoice_id?: string
}

/**
 * Issues a Stripe invoice of a placed net-terms order, exactly once, and
 * records `invoice.issued`. Safe to run again at any time — it is the retry:
 * the issuing step resumes from the progress recorded on the invoice, and its
 * idempotency keys (versioned by the invoice's sequence) make repeated Stripe
 * calls replays. Run by the order.placed subscriber, the order-change
 * workflow (reissued and supplementary invoices), the invoices-reconcile job
 * and POST /admin/invoices/:id/retry.
 *
 * @example
 * await issueInvoiceWorkflow(container).run({ input: { order_id } })
 * await issueInvoiceWorkflow(container).run({ input: { order_id, invoice_id } })
 */
export const issueInvoiceWorkflow = createWorkflow("issue-invoice-workflow", (input: IssueInvoiceWorkflowInput) => {
  const prepared = prepareInvoiceStep(
    transform({ input }, ({ input }) => ({ order_id: input.order_id, invoice_id: input.invoice_id }))
  )
  // The checkout's credit hold hands over to the invoice record just created
  // (or is dropped: an order without an invoice owes nothing on credit).
  releaseOrderCreditHoldsStep(
    transform({ input, prepared }, ({ input, prepared }) => ({ order_id: input.order_id, invoiced: !!prepared }))
  )
  const ids = transform({ prepared }, ({ prepared }) => ({ invoice_id: prepared?.invoice_id ?? "" }))
  // The Medusa payment the invoice settles exists before Stripe hears of the invoice (its session id is in the invoice's metadata).
  const payment = when("invoice-payment", { prepared }, ({ prepared }) => !!prepared).then(() =>
    ensureInvoicePaymentStep({ invoice_id: ids.invoice_id })
  )
  const issued = when("is-net-terms-order", { prepared }, ({ prepared }) => !!prepared).then(() =>
    issueStripeInvoiceStep({ invoice_id: ids.invoice_id })
  )
  recordHubEventsStep(transform({ issued }, ({ issued }) => issued?.events ?? [])).config({
    name: "record-issuing-side-events",
  })
  when("invoice-was-issued", { issued }, ({ issued }) => !!issued?.issued).then(() => {
    linkInvoiceToPaymentStep(
      transform({ ids, payment }, ({ ids, payment }) => ({
        invoice_id: ids.invoice_id,
        payment_id: payment?.payment_id ?? "",
      }))
    )
    const data = loadInvoiceEventDataStep({ invoice_id: ids.invoice_id })
    const event = transform({ data }, ({ data }) => ({
      type: "invoice.issued" as const,
      resource_type: "invoice",
      resource_id: data.id,
      dedupe_key: `invoice.issued:${data.id}`,
      data: { invoice: data },
    }))
    recordHubEventStep(event).config({ name: "record-invoice-issued" })
  })
  return new WorkflowResponse({ prepared, issued })
})
