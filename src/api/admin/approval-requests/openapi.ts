import { z } from "@medusajs/framework/zod"
import { STAFF, type Operation } from "../../openapi/operation"
import { ApprovalDecisionBody, ListApprovalRequestsQuery } from "../../utils/approval-validators"
import { ApprovalCart, ApprovalRequestPage, ApprovalRequestView } from "../../utils/openapi/b2b-admin-schemas"
import { NoQuery } from "../../utils/validate-query"

const TAG = "Approval requests"

/** Merchant staff (admin API): in the staff document only. */
const staff = (op: Omit<Operation, "audiences" | "security">): Operation => ({ ...op, audiences: [], security: STAFF })

const Decided = z.object({ approval_request: ApprovalRequestView })

export const adminApprovalRequestsOperations: Operation[] = [
  staff({
    method: "get",
    path: "/admin/approval-requests",
    operationId: "listApprovalRequests",
    summary: "Every company's approval requests, newest first; `waiting_for_me=true`: those waiting for the merchant",
    tags: [TAG],
    query: ListApprovalRequestsQuery,
    responses: { 200: { description: "A page of approval requests", schema: ApprovalRequestPage } },
  }),
  staff({
    method: "get",
    path: "/admin/approval-requests/{id}",
    operationId: "getApprovalRequest",
    summary: "An approval request and the priced cart it is about",
    tags: [TAG],
    query: NoQuery,
    responses: {
      200: {
        description: "The request; `cart` is null when the cart no longer exists",
        schema: z.object({ approval_request: ApprovalRequestView, cart: ApprovalCart.nullable() }),
      },
    },
  }),
  staff({
    method: "post",
    path: "/admin/approval-requests/{id}/approve",
    operationId: "approveApprovalRequest",
    summary: "Approve the level that waits (the merchant's, or any level on the company's behalf)",
    tags: [TAG],
    body: ApprovalDecisionBody,
    errors: [409],
    responses: { 200: { description: "Decided", schema: Decided } },
  }),
  staff({
    method: "post",
    path: "/admin/approval-requests/{id}/reject",
    operationId: "rejectApprovalRequest",
    summary: "Reject the request at the level that waits",
    tags: [TAG],
    body: ApprovalDecisionBody,
    errors: [409],
    responses: { 200: { description: "Decided", schema: Decided } },
  }),
]
