import { authenticate, type MiddlewareRoute } from "@medusajs/framework/http"
import { validateBody } from "../../../utils/validate-body"
import { NoQuery, validateQuery } from "../../../utils/validate-query"
import { ApprovalDecisionBody, ApprovalRuleBody, ListApprovalRequestsQuery } from "../../../utils/approval-validators"
import { requireCompanyPermission } from "../company-permission"
import { refuseChangesWhilePending, refusePaymentChangesWhilePending, requestApprovalOnComplete } from "./cart-approval"

const customer = authenticate("customer", ["session", "bearer"])

/** Approval requests and rules for company employees; the cart lock and approval request on Medusa's cart routes. */
export const storeApprovalMiddlewares: MiddlewareRoute[] = [
  {
    matcher: "/store/b2b/approval-requests",
    method: ["GET"],
    middlewares: [customer, requireCompanyPermission("approvals.read"), validateQuery(ListApprovalRequestsQuery)],
  },
  {
    matcher: "/store/b2b/approval-requests/:id",
    method: ["GET"],
    middlewares: [customer, requireCompanyPermission("approvals.read"), validateQuery(NoQuery)],
  },
  ...["approve", "reject"].map((decision) => ({
    matcher: `/store/b2b/approval-requests/:id/${decision}`,
    method: ["POST" as const],
    middlewares: [customer, requireCompanyPermission("approvals.decide"), validateBody(ApprovalDecisionBody)],
  })),
  {
    matcher: "/store/b2b/approval-rules",
    method: ["GET"],
    middlewares: [customer, requireCompanyPermission("approvals.read"), validateQuery(NoQuery)],
  },
  {
    matcher: "/store/b2b/approval-rules",
    method: ["POST"],
    middlewares: [customer, requireCompanyPermission("approval_rules.manage"), validateBody(ApprovalRuleBody)],
  },
  {
    matcher: "/store/b2b/approval-rules/:id",
    method: ["DELETE"],
    middlewares: [customer, requireCompanyPermission("approval_rules.manage")],
  },
  // After the role check of storeB2bMiddlewares (registered before these).
  { matcher: "/store/carts/:id/complete", method: ["POST"], middlewares: [requestApprovalOnComplete] },
  { matcher: "/store/carts/:id", method: ["POST", "DELETE"], middlewares: [refuseChangesWhilePending] },
  { matcher: "/store/carts/:id/*", method: ["POST", "DELETE"], middlewares: [refuseChangesWhilePending] },
  { matcher: "/store/payment-collections", method: ["POST"], middlewares: [refusePaymentChangesWhilePending] },
  {
    matcher: "/store/payment-collections/:id/payment-sessions",
    method: ["POST"],
    middlewares: [refusePaymentChangesWhilePending],
  },
]
