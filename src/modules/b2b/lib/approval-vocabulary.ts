/**
 * The words of the approval feature, shared by the models, the rule
 * evaluation and the APIs (README "Approvals").
 */

/** What makes an order need approval. */
export const APPROVAL_CONDITIONS = [
  /** The order total is above `amount_minor` (in the rule's currency). */
  "order_total_above",
  /** The buyer's order would go beyond what remains of their spending limit. */
  "over_spending_limit",
  /** Every order of an employee with `role`. */
  "role",
  /** A net-terms order would exceed the contract's available credit: the merchant decides. */
  "over_credit_limit",
] as const
export type ApprovalCondition = (typeof APPROVAL_CONDITIONS)[number]

/**
 * Who approves a level, in the order levels are worked through: the
 * company's approvers (and admins), then its admins, then merchant staff.
 */
export const APPROVERS = ["approver", "company_admin", "merchant"] as const
export type Approver = (typeof APPROVERS)[number]

export const APPROVAL_STATUSES = [
  "pending",
  "approved",
  "rejected",
  "expired",
  /** The cart changed after the request (a new checkout asks again). */
  "canceled",
] as const
export type ApprovalStatus = (typeof APPROVAL_STATUSES)[number]

/** Who wrote a rule: company admins may change only the company's own rules. */
export const APPROVAL_RULE_AUTHORS = ["company", "merchant"] as const

/** A request waits this long for its decisions unless the company says otherwise. */
export const DEFAULT_APPROVAL_TTL_HOURS = 72
export const MAX_APPROVAL_TTL_HOURS = 24 * 30
