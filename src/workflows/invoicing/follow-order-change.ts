import { createWorkflow, transform, when, WorkflowResponse } from "@medusajs/framework/workflows-sdk"
import { recordHubEventsStep } from "../outbox/steps/record-hub-event"
import { recordInvoiceChangeStep } from "./steps/record-invoice-change"
import { releaseEditCreditHoldsStep } from "./steps/release-edit-credit-holds"
import { issueEditCreditNotesStep } from "./steps/issue-edit-credit-notes"
import { issueInvoiceWorkflow } from "./issue-invoice"

export type FollowOrderChangeWorkflowInput = { order_id: string }

/**
 * The invoice follows the order after placement. Run after an order edit, a
 * claim or an exchange is confirmed (and by the invoices-reconcile job for
 * recent changes): compares the order's money model with what its invoices
 * bill and brings them in step —
 *
 * - unpaid invoice: voided (at Stripe and in our record) and reissued for the
 *   whole order (kind `reissue`, next sequence, `replaces_invoice_id`, keys
 *   `inv:<order>:…:v<sequence>`): the buyer sees one open invoice;
 * - paid, partly paid or credited invoice: an increase is billed on a
 *   `supplementary` invoice (the lines' differences with their tax), a
 *   decrease credited on a credit note per invoice (reason `edit:<change>`,
 *   per line never more than invoiced);
 * - nothing invoiced yet: nothing to do (the issuing run bills the order as
 *   it is then).
 *
 * The edit's credit hold is released once an invoice record carries it. The
 * new invoice settles its own Medusa payment (see invoice-payment.ts), so a
 * paid invoice captures what it billed. Idempotent and crash-safe: every
 * step resumes from the records the first one writes; run it again at will.
 *
 * @example
 * await followOrderChangeWorkflow(container).run({ input: { order_id } })
 */
export const followOrderChangeWorkflow = createWorkflow(
  "follow-order-change-workflow",
  (input: FollowOrderChangeWorkflowInput) => {
    const change = recordInvoiceChangeStep({ order_id: input.order_id })
    recordHubEventsStep(transform({ change }, ({ change }) => change.events)).config({
      name: "record-voided-invoice-events",
    })
    when(
      "invoices-bill-the-order",
      { change },
      ({ change }) => change.outcome === "recorded" || change.outcome === "in_step"
    ).then(() => {
      releaseEditCreditHoldsStep(
        transform({ input, change }, ({ input, change }) => ({
          order_id: input.order_id,
          up_to_version: change.order_version,
        }))
      )
    })
    const credited = when("edit-credit-notes", { change }, ({ change }) => change.credit_note_ids.length > 0).then(() =>
      issueEditCreditNotesStep(transform({ change }, ({ change }) => ({ credit_note_ids: change.credit_note_ids })))
    )
    recordHubEventsStep(transform({ credited }, ({ credited }) => credited?.events ?? [])).config({
      name: "record-edit-credit-events",
    })
    const issued = when("change-invoice", { change }, ({ change }) => !!change.invoice_id).then(() =>
      issueInvoiceWorkflow.runAsStep({
        input: transform({ input, change }, ({ input, change }) => ({
          order_id: input.order_id,
          invoice_id: change.invoice_id!,
        })),
      })
    )
    return new WorkflowResponse({ change, credited, issued })
  }
)
