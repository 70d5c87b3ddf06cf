import { createWorkflow, transform, WorkflowResponse } from "@medusajs/framework/workflows-sdk"
import { creditReturnStep } from "./steps/credit-return"
import { recordHubEventsStep } from "../outbox/steps/record-hub-event"

/** `return_id`: the return, or one of its notes' reason keys (`<return_id>:<sequence>`, as reconciliation passes them). */
export type CreditReturnWorkflowInput = { return_id: string }

/**
 * Credits a received return of a net-terms order on its invoice(s) and
 * records `credit_note.created`: per returned line its share of what the
 * invoice billed and earlier notes left (the last units take the rest), less
 * what earlier refunds on the invoice already credited
 * (modules/invoicing/lib/return-credit.ts). Idempotent per return (reason key
 * = return id, Stripe key cn:<return_id>:v1; `:<sequence>` for a note on a
 * further invoice of the order), resumable from the recorded intent.
 *
 * @example
 * await creditReturnWorkflow(container).run({ input: { return_id } })
 */
export const creditReturnWorkflow = createWorkflow("credit-return-workflow", (input: CreditReturnWorkflowInput) => {
  const credited = creditReturnStep({ return_id: input.return_id })
  recordHubEventsStep(transform({ credited }, ({ credited }) => credited.events))
  return new WorkflowResponse(credited)
})
