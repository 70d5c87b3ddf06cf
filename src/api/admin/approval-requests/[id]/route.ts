import type { AuthenticatedMedusaRequest, MedusaResponse } from "@medusajs/framework/http"
import { MedusaError } from "@medusajs/framework/utils"
import { B2B_MODULE } from "../../../../modules/b2b"
import type B2bModuleService from "../../../../modules/b2b/service"
import { toApprovalDocument, type ApprovalRequestRow } from "../../../../modules/b2b/lib/approval-document"
import { approvalCartView } from "../../../../workflows/b2b/utils/approval-cart-view"

export async function loadApprovalRequestOr404(req: AuthenticatedMedusaRequest): Promise<ApprovalRequestRow> {
  const b2b = req.scope.resolve<B2bModuleService>(B2B_MODULE)
  const [request] = await b2b.listApprovalRequests({ id: req.params.id })
  if (!request) throw new MedusaError(MedusaError.Types.NOT_FOUND, `Approval request ${req.params.id} was not found`)
  return request as unknown as ApprovalRequestRow
}

/** GET /admin/approval-requests/:id — the request and the priced cart it is about. */
export async function GET(req: AuthenticatedMedusaRequest, res: MedusaResponse) {
  const request = await loadApprovalRequestOr404(req)
  res.json({ approval_request: toApprovalDocument(request), cart: await approvalCartView(req.scope, request.cart_id) })
}
