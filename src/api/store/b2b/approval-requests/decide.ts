import type { AuthenticatedMedusaRequest, MedusaResponse } from "@medusajs/framework/http"
import { toApprovalDocument } from "../../../../modules/b2b/lib/approval-document"
import { decideApprovalRequestWorkflow } from "../../../../workflows/b2b/decide-approval-request"
import type { ApprovalDecisionBodyType } from "../../../utils/approval-validators"
import { visibleApprovalRequest } from "./caller"

/** POST /store/b2b/approval-requests/:id/approve|reject: the caller's decision on the level that waits. */
export function decideAs(decision: "approved" | "rejected") {
  return async (req: AuthenticatedMedusaRequest<ApprovalDecisionBodyType>, res: MedusaResponse) => {
    const { caller, request } = await visibleApprovalRequest(req, req.params.id)
    const { result } = await decideApprovalRequestWorkflow(req.scope).run({
      input: { request_id: request.id, decision, actor: caller.actor, comment: req.validatedBody.comment ?? null },
    })
    res.json({ approval_request: toApprovalDocument(result) })
  }
}
