import { model } from "@medusajs/framework/utils"
import { APPROVAL_STATUSES, type Approver } from "../lib/approval-vocabulary"

/** One level a request needs, and why (the rules that asked for it). */
export type ApprovalLevel = { approver: Approver; reasons: string[] }

/** A decision on one level, appended as it is made. */
export type ApprovalDecision = {
  level: number
  approver: Approver
  decision: "approved" | "rejected"
  actor_type: "employee" | "user"
  actor_id: string
  comment: string | null
  at: string
}

/**
 * A company cart waiting for approval instead of becoming an order. The cart
 * is locked while the request is pending (at most one pending request per
 * cart: a partial unique index). `levels` are decided in order;
 * `current_level` is the one waiting. `cart_fingerprint` is what was asked
 * about: a cart that no longer matches needs a new request. Status changes
 * are conditional updates in the service, so racing decisions cannot both win.
 */
export const ApprovalRequest = model
  .define("approval_request", {
    id: model.id({ prefix: "apreq" }).primaryKey(),
    company_id: model.text(),
    cart_id: model.text(),
    customer_id: model.text(),
    employee_id: model.text(),
    currency_code: model.text(),
    total_minor: model.bigNumber(),
    cart_fingerprint: model.text(),
    status: model.enum([...APPROVAL_STATUSES]).default("pending"),
    levels: model.json<ApprovalLevel[]>(),
    current_level: model.number().default(0),
    decisions: model.json<ApprovalDecision[]>(),
    /** Merchant staff approved going beyond the contract's credit limit. */
    credit_override: model.boolean().default(false),
    expires_at: model.dateTime(),
    decided_at: model.dateTime().nullable(),
    order_id: model.text().nullable(),
  })
  .indexes([
    { on: ["cart_id"], unique: true, where: "status = 'pending'" },
    { on: ["company_id", "status"] },
    { on: ["expires_at"], where: "status = 'pending'" },
  ])
