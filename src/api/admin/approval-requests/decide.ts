import type { AuthenticatedMedusaRequest, MedusaResponse } from "@medusajs/framework/http"
import { toApprovalDocument } from "../../../modules/b2b/lib/approval-document"
import { decideApprovalRequestWorkflow } from "../../../workflows/b2b/decide-approval-request"
import type { ApprovalDecisionBodyType } from "../../utils/approval-validators"
import { loadApprovalRequestOr404 } from "./[id]/route"

/**
 * POST /admin/approval-requests/:id/approve|reject: merchant staff decide the
 * level that waits (the merchant level, or any level on the company's behalf).
 */
export function adminDecideAs(decision: "approved" | "rejected") {
  return async (req: AuthenticatedMedusaRequest<ApprovalDecisionBodyType>, res: MedusaResponse) => {
    const request = await loadApprovalRequestOr404(req)
    const { result } = await decideApprovalRequestWorkflow(req.scope).run({
      input: {
        request_id: request.id,
        decision,
        actor: { type: "user", user_id: req.auth_context.actor_id },
        comment: req.validatedBody.comment ?? null,
      },
    })
    res.json({ approval_request: toApprovalDocument(result) })
  }
}
