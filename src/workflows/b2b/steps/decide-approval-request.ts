import { createStep, StepResponse } from "@medusajs/framework/workflows-sdk"
import { MedusaError } from "@medusajs/framework/utils"
import { B2B_MODULE } from "../../../modules/b2b"
import type B2bModuleService from "../../../modules/b2b/service"
import { mayDecideLevel, type ApprovalActor } from "../../../modules/b2b/lib/approval-rules"
import type { ApprovalRequestRow } from "../../../modules/b2b/lib/approval-document"
import { loadApprovalRequest } from "../utils/approval-events"
import { currentCartFingerprint } from "../utils/assess-checkout"

export type DecideApprovalRequestStepInput = {
  request_id: string
  decision: "approved" | "rejected"
  actor: ApprovalActor
  comment?: string | null
}

export type DecideApprovalRequestStepOutput = {
  request: ApprovalRequestRow
  /** Every level is approved: the cart is to become the order. */
  approved: boolean
  rejected: boolean
}

type Undo = { id: string; status: string; current_level: number; level: number }

const conflict = (code: string, message: string) => new MedusaError(MedusaError.Types.CONFLICT, message, code)

/** Why a decision cannot be made on a request in its current state (409), or null. */
function closedReason(request: ApprovalRequestRow, now: Date): MedusaError | null {
  if (request.status !== "pending")
    return conflict("approval_already_decided", `approval request ${request.id} is already ${request.status}`)
  if (new Date(request.expires_at).getTime() <= now.getTime())
    return conflict(
      "approval_expired",
      `approval request ${request.id} expired at ${new Date(request.expires_at).toISOString()}; the buyer must check out again`
    )
  return null
}

/**
 * Records one approver's decision on the level that waits. 409 when the
 * request is no longer pending, has expired, or another decision on the same
 * level won the race (the service's conditional update); 403 for someone who
 * may not decide that level. Approving a cart that changed since the request
 * cancels the request (409 `cart_changed`): the buyer checks out again and a
 * new approval is asked for what the cart now holds.
 */
export const decideApprovalRequestStep = createStep(
  "decide-approval-request",
  async (input: DecideApprovalRequestStepInput, { container }) => {
    const b2b = container.resolve<B2bModuleService>(B2B_MODULE)
    const now = new Date()
    const request = await loadApprovalRequest(container, input.request_id)
    const closed = closedReason(request, now)
    if (closed) throw closed
    const level = request.current_level
    const approver = request.levels[level].approver
    const forbidden = mayDecideLevel(input.actor, approver, request)
    if (forbidden) throw new MedusaError(MedusaError.Types.FORBIDDEN, `approval: ${forbidden}`)

    if (
      input.decision === "approved" &&
      (await currentCartFingerprint(container, request.cart_id)) !== request.cart_fingerprint
    ) {
      await b2b.closePendingApprovalRequests({ id: request.id }, "canceled")
      throw conflict(
        "cart_changed",
        `cart ${request.cart_id} changed after approval was requested; request ${request.id} is canceled and the buyer must check out again`
      )
    }
    const row = await b2b.decideApprovalRequest({
      request_id: request.id,
      now,
      level,
      approver,
      decision: input.decision,
      actor_type: input.actor.type,
      actor_id: input.actor.type === "user" ? input.actor.user_id : input.actor.customer_id,
      comment: input.comment ?? null,
      at: now.toISOString(),
    })
    if (!row) {
      // Another decision got there first (or the request just expired): say which.
      const latest = await loadApprovalRequest(container, request.id)
      throw (
        closedReason(latest, now) ??
        conflict("approval_already_decided", `level ${level + 1} of approval request ${request.id} was already decided`)
      )
    }
    const decided = await loadApprovalRequest(container, request.id)
    const undo: Undo = { id: row.id, status: row.status, current_level: row.current_level, level }
    return new StepResponse<DecideApprovalRequestStepOutput, Undo>(
      { request: decided, approved: row.status === "approved", rejected: row.status === "rejected" },
      undo
    )
  },
  // A later step failed (the order could not be placed, the event not recorded): the decision did not happen.
  async (undo: Undo | undefined, { container }) => {
    if (!undo) return
    await container.resolve<B2bModuleService>(B2B_MODULE).reopenApprovalRequest(undo)
  }
)
