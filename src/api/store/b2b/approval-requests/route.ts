import type { AuthenticatedMedusaRequest, MedusaResponse } from "@medusajs/framework/http"
import { B2B_MODULE } from "../../../../modules/b2b"
import type B2bModuleService from "../../../../modules/b2b/service"
import { toApprovalDocument, type ApprovalRequestRow } from "../../../../modules/b2b/lib/approval-document"
import type { ListApprovalRequestsQueryType } from "../../../utils/approval-validators"
import { approvalCaller } from "./caller"

/** A bound on the pending requests scanned for `waiting_for_me` (filtered by level in memory). */
const WAITING_SCAN = 1000

/**
 * GET /store/b2b/approval-requests?status=&waiting_for_me=&company_id=&limit=&offset=
 * — newest first. Admins see their company's and its subsidiaries', approvers
 * their company's, buyers their own. `waiting_for_me=true`: pending requests
 * whose waiting level the caller may decide.
 */
export async function GET(req: AuthenticatedMedusaRequest, res: MedusaResponse) {
  const q = (req as unknown as { validatedQuery: ListApprovalRequestsQueryType }).validatedQuery
  const caller = await approvalCaller(req)
  const b2b = req.scope.resolve<B2bModuleService>(B2B_MODULE)
  const companyIds = q.company_id
    ? caller.filters.company_id.filter((id) => id === q.company_id)
    : caller.filters.company_id
  const filters = { ...caller.filters, company_id: companyIds, ...(q.status ? { status: q.status } : {}) }
  const order = { created_at: "DESC" as const }
  if (q.waiting_for_me) {
    const pending = (await b2b.listApprovalRequests(
      { ...filters, status: "pending" },
      { take: WAITING_SCAN, order }
    )) as unknown as ApprovalRequestRow[]
    const mine = pending.filter((r) => caller.cannotDecide(r) === null)
    res.json({
      approval_requests: mine.slice(q.offset, q.offset + q.limit).map(toApprovalDocument),
      count: mine.length,
      limit: q.limit,
      offset: q.offset,
    })
    return
  }
  const [rows, count] = await b2b.listAndCountApprovalRequests(filters, { take: q.limit, skip: q.offset, order })
  res.json({
    approval_requests: (rows as unknown as ApprovalRequestRow[]).map(toApprovalDocument),
    count,
    limit: q.limit,
    offset: q.offset,
  })
}
