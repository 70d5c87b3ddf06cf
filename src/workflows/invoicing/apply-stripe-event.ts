import type Stripe from "stripe"
import { createWorkflow, WorkflowResponse } from "@medusajs/framework/workflows-sdk"
import { applyStripeEventStep } from "./steps/apply-stripe-event"
import { recordHubEventsStep } from "../hub/steps/record-hub-event"

export type ApplyStripeEventWorkflowInput = { event: Stripe.Event }

/**
 * Mirrors a verified Stripe event (invoice.*, credit_note.created) into our
 * invoice records and records the hub events partners receive.
 */
export const applyStripeEventWorkflow = createWorkflow("apply-stripe-event-workflow", (input: ApplyStripeEventWorkflowInput) => {
  const events = applyStripeEventStep({ event: input.event })
  recordHubEventsStep(events)
  return new WorkflowResponse(events)
})
