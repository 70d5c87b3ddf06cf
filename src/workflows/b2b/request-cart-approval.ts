import { createWorkflow, transform, when, WorkflowResponse } from "@medusajs/framework/workflows-sdk"
import { recordHubEventStep } from "../outbox/steps/record-hub-event"
import { createApprovalRequestStep } from "./steps/create-approval-request"
import { approvalEvent } from "./utils/approval-events"

export type RequestCartApprovalWorkflowInput = { cart_id: string }

/**
 * What completing a company cart does first: if the company's approval rules
 * catch it, an approval request is created instead of an order (the cart is
 * locked while it waits) and `approval.requested` is recorded; the result is
 * the request (`created: false` when one already waited). Null when no
 * approval is needed: the caller completes the cart as usual. Used by the
 * `POST /store/carts/:id/complete` middleware.
 *
 * @example
 * const { result } = await requestCartApprovalWorkflow(container).run({ input: { cart_id } })
 */
export const requestCartApprovalWorkflow = createWorkflow(
  "request-cart-approval",
  (input: RequestCartApprovalWorkflowInput) => {
    const asked = createApprovalRequestStep(input)
    when("approval-request-created", { asked }, ({ asked }) => !!asked?.created).then(() => {
      recordHubEventStep(transform({ asked }, ({ asked }) => approvalEvent("approval.requested", asked!.request)))
    })
    return new WorkflowResponse(asked)
  }
)
