import { createWorkflow, transform, when, WorkflowResponse } from "@medusajs/framework/workflows-sdk"
import { completeCartWorkflow } from "@medusajs/medusa/core-flows"
import { recordHubEventStep } from "../outbox/steps/record-hub-event"
import { decideApprovalRequestStep, type DecideApprovalRequestStepInput } from "./steps/decide-approval-request"
import { linkApprovalOrderStep } from "./steps/link-approval-order"
import { approvalEvent } from "./utils/approval-events"
import { linkQuoteOrderStep, reopenQuotesForCartsStep } from "../quote/steps/quote-approval-outcome"

export type DecideApprovalRequestWorkflowInput = DecideApprovalRequestStepInput

/**
 * An approver's decision. Approving the last level completes the cart
 * through Medusa's own checkout (the same validate hook: credit reservation,
 * then the order, invoicing, ERP sync and webhooks as for any order) and
 * records `approval.approved` with the order id; if the order cannot be
 * placed (stock, payment, credit), the decision is undone and the error
 * returned. Approving a lower level records `approval.requested` for the
 * next one. Rejecting records `approval.rejected` and unlocks the cart.
 * Used by `POST /store/b2b/approval-requests/:id/{approve,reject}` and the
 * admin routes.
 *
 * @example
 * await decideApprovalRequestWorkflow(container).run({
 *   input: { request_id, decision: "approved", actor: { type: "user", user_id }, comment: "ok" },
 * })
 */
export const decideApprovalRequestWorkflow = createWorkflow(
  "decide-approval-request",
  (input: DecideApprovalRequestWorkflowInput) => {
    const decided = decideApprovalRequestStep(input)
    const placed = when("approval-complete", { decided }, ({ decided }) => decided.approved).then(() => {
      const order = completeCartWorkflow.runAsStep({
        input: transform({ decided }, ({ decided }) => ({ id: decided.request.cart_id })),
      })
      const linked = linkApprovalOrderStep(
        transform({ decided, order }, ({ decided, order }) => ({ request_id: decided.request.id, order_id: order.id }))
      )
      // A cart built from an accepted quote: the quote records its order.
      linkQuoteOrderStep(
        transform({ decided, order }, ({ decided, order }) => ({
          cart_id: decided.request.cart_id,
          order_id: order.id,
        }))
      )
      recordHubEventStep(transform({ linked }, ({ linked }) => approvalEvent("approval.approved", linked))).config({
        name: "record-approval-approved",
      })
      return linked
    })
    when("approval-next-level", { decided }, ({ decided }) => !decided.approved && !decided.rejected).then(() => {
      recordHubEventStep(
        transform({ decided }, ({ decided }) => approvalEvent("approval.requested", decided.request))
      ).config({ name: "record-approval-next-level" })
    })
    when("approval-rejected", { decided }, ({ decided }) => decided.rejected).then(() => {
      // A quote's order the approver refused: the quote is on offer again.
      reopenQuotesForCartsStep(transform({ decided }, ({ decided }) => ({ cart_ids: [decided.request.cart_id] })))
      recordHubEventStep(
        transform({ decided }, ({ decided }) => approvalEvent("approval.rejected", decided.request))
      ).config({ name: "record-approval-rejected" })
    })
    const request = transform({ decided, placed }, ({ decided, placed }) => placed ?? decided.request)
    return new WorkflowResponse(request)
  }
)
