import type { AuthenticatedMedusaRequest, MedusaResponse } from "@medusajs/framework/http"
import { B2B_MODULE } from "../../../modules/b2b"
import type B2bModuleService from "../../../modules/b2b/service"
import { toApprovalDocument, type ApprovalRequestRow } from "../../../modules/b2b/lib/approval-document"
import type { ListApprovalRequestsQueryType } from "../../utils/approval-validators"

/**
 * GET /admin/approval-requests?status=&company_id=&waiting_for_me=&limit=&offset=
 * — every company's requests, newest first; `waiting_for_me=true` lists the
 * pending ones waiting for the merchant's level.
 */
export async function GET(req: AuthenticatedMedusaRequest, res: MedusaResponse) {
  const q = (req as unknown as { validatedQuery: ListApprovalRequestsQueryType }).validatedQuery
  const b2b = req.scope.resolve<B2bModuleService>(B2B_MODULE)
  const filters = {
    ...(q.company_id ? { company_id: q.company_id } : {}),
    ...(q.status ? { status: q.status } : {}),
    ...(q.waiting_for_me ? { status: "pending" as const } : {}),
  }
  const order = { created_at: "DESC" as const }
  let rows: ApprovalRequestRow[]
  let count: number
  if (q.waiting_for_me) {
    const pending = (await b2b.listApprovalRequests(filters, { take: 1000, order })) as unknown as ApprovalRequestRow[]
    const merchant = pending.filter((r) => r.levels[r.current_level]?.approver === "merchant")
    rows = merchant.slice(q.offset, q.offset + q.limit)
    count = merchant.length
  } else {
    const [found, total] = await b2b.listAndCountApprovalRequests(filters, { take: q.limit, skip: q.offset, order })
    rows = found as unknown as ApprovalRequestRow[]
    count = total
  }
  res.json({ approval_requests: rows.map(toApprovalDocument), count, limit: q.limit, offset: q.offset })
}
