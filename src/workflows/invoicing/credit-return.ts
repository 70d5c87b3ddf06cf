import { createWorkflow, transform, WorkflowResponse } from "@medusajs/framework/workflows-sdk"
import { creditReturnStep } from "./steps/credit-return"
import { recordHubEventsStep } from "../hub/steps/record-hub-event"

export type CreditReturnWorkflowInput = { return_id: string }

/**
 * Issues the Stripe credit note for a received return of a net-terms order
 * and records `credit_note.created`. Idempotent per return (key
 * cn:<return_id>:v1, credit_note.reason_key = return id).
 *
 * @example
 * await creditReturnWorkflow(container).run({ input: { return_id } })
 */
export const creditReturnWorkflow = createWorkflow("credit-return-workflow", (input: CreditReturnWorkflowInput) => {
  const credited = creditReturnStep({ return_id: input.return_id })
  recordHubEventsStep(transform({ credited }, ({ credited }) => credited.events))
  return new WorkflowResponse(credited)
})
