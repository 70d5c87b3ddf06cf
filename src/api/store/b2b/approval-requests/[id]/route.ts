import type { AuthenticatedMedusaRequest, MedusaResponse } from "@medusajs/framework/http"
import { toApprovalDocument } from "../../../../../modules/b2b/lib/approval-document"
import { approvalCartView } from "../../../../../workflows/b2b/utils/approval-cart-view"
import { visibleApprovalRequest } from "../caller"

/**
 * GET /store/b2b/approval-requests/:id — the request, the priced cart it is
 * about (each line with its contract explanation), and whether the caller
 * may decide it now (`can_decide`, with `cannot_decide_reason`).
 */
export async function GET(req: AuthenticatedMedusaRequest, res: MedusaResponse) {
  const { caller, request } = await visibleApprovalRequest(req, req.params.id)
  const reason = caller.cannotDecide(request)
  res.json({
    approval_request: toApprovalDocument(request),
    cart: await approvalCartView(req.scope, request.cart_id),
    can_decide: reason === null,
    cannot_decide_reason: reason,
  })
}
