import type Stripe from "stripe"
import { createWorkflow, transform, WorkflowResponse } from "@medusajs/framework/workflows-sdk"
import { applyStripeEventStep } from "./steps/apply-stripe-event"
import { settleMedusaPaymentStep } from "./steps/settle-medusa-payment"
import { recordHubEventsStep } from "../outbox/steps/record-hub-event"

export type ApplyStripeEventWorkflowInput = { event: Stripe.Event }

/**
 * Mirrors a verified Stripe event (invoice.*, credit_note.*) into our invoice
 * record, cancels the Medusa payment of a voided invoice, and records the hub
 * events partners receive (invoice.paid, invoice.voided, invoice.overdue,
 * credit_note.created). Duplicates and any order of arrival converge on
 * Stripe's current state.
 *
 * @example
 * await applyStripeEventWorkflow(container).run({ input: { event } })
 */
export const applyStripeEventWorkflow = createWorkflow(
  "apply-stripe-event-workflow",
  (input: ApplyStripeEventWorkflowInput) => {
    const applied = applyStripeEventStep({ event: input.event })
    settleMedusaPaymentStep(transform({ applied }, ({ applied }) => ({ invoice_id: applied.invoice_id })))
    recordHubEventsStep(transform({ applied }, ({ applied }) => applied.events))
    return new WorkflowResponse(applied)
  }
)
