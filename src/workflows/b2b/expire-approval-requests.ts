import { createWorkflow, transform, WorkflowResponse } from "@medusajs/framework/workflows-sdk"
import { recordHubEventsStep } from "../outbox/steps/record-hub-event"
import { findExpiredApprovalRequestsStep, markApprovalRequestsExpiredStep } from "./steps/close-approval-requests"
import { approvalEvent } from "./utils/approval-events"
import { reopenQuotesForCartsStep } from "../quote/steps/quote-approval-outcome"

/**
 * Expires approval requests nobody decided in time (their carts unlock),
 * `approval.expired` recorded first for each. Run every minute by the
 * `approval-requests-expire` job.
 *
 * @example
 * await expireApprovalRequestsWorkflow(container).run({ input: { now: new Date() } })
 */
export const expireApprovalRequestsWorkflow = createWorkflow(
  "expire-approval-requests",
  (input: { now: Date | string }) => {
    const expired = findExpiredApprovalRequestsStep(input)
    recordHubEventsStep(
      transform({ expired }, ({ expired }) => expired.map((r) => approvalEvent("approval.expired", r)))
    )
    markApprovalRequestsExpiredStep(
      transform({ expired, input }, ({ expired, input }) => ({ ids: expired.map((r) => r.id), now: input.now }))
    )
    // Quotes whose order waited on these approvals are on offer again.
    reopenQuotesForCartsStep(transform({ expired }, ({ expired }) => ({ cart_ids: expired.map((r) => r.cart_id) })))
    return new WorkflowResponse(expired)
  }
)
