import type { MiddlewareRoute } from "@medusajs/framework/http"
import { validateBody } from "../../utils/validate-body"
import { NoQuery, validateQuery } from "../../utils/validate-query"
import { ApprovalDecisionBody, ApprovalRuleBody, ListApprovalRequestsQuery } from "../../utils/approval-validators"

/** /admin/approval-requests… and /admin/companies/:id/approval-rules… (admin auth is Medusa's default for /admin). */
export const adminApprovalMiddlewares: MiddlewareRoute[] = [
  { matcher: "/admin/approval-requests", method: ["GET"], middlewares: [validateQuery(ListApprovalRequestsQuery)] },
  { matcher: "/admin/approval-requests/:id", method: ["GET"], middlewares: [validateQuery(NoQuery)] },
  ...["approve", "reject"].map((decision) => ({
    matcher: `/admin/approval-requests/:id/${decision}`,
    method: ["POST" as const],
    middlewares: [validateBody(ApprovalDecisionBody)],
  })),
  { matcher: "/admin/companies/:id/approval-rules", method: ["GET"], middlewares: [validateQuery(NoQuery)] },
  { matcher: "/admin/companies/:id/approval-rules", method: ["POST"], middlewares: [validateBody(ApprovalRuleBody)] },
]
