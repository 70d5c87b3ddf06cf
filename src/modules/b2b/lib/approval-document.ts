// The approval request as buyers, approvers, merchant staff and partners see it (one shape everywhere).
import type { ApprovalDecision, ApprovalLevel } from "../models/approval-request"
import type { Approver } from "./approval-vocabulary"

export type ApprovalRequestRow = {
  id: string
  company_id: string
  cart_id: string
  customer_id: string
  employee_id: string
  status: string
  currency_code: string
  total_minor: unknown
  cart_fingerprint: string
  levels: ApprovalLevel[]
  current_level: number
  decisions: ApprovalDecision[]
  credit_override: boolean
  expires_at: Date | string
  decided_at?: Date | string | null
  order_id?: string | null
  created_at: Date | string
}

/** The row as served: amounts as integer strings, dates as ISO strings, plus who decides next. */
export type ApprovalDocument = Omit<
  ApprovalRequestRow,
  "total_minor" | "cart_fingerprint" | "expires_at" | "decided_at" | "order_id" | "created_at"
> & {
  total_minor: string
  /** Who must decide next; null once the request is no longer pending. */
  waiting_for: Approver | null
  expires_at: string
  decided_at: string | null
  order_id: string | null
  created_at: string
}

const iso = (d: Date | string) => new Date(d).toISOString()

export function toApprovalDocument(row: ApprovalRequestRow): ApprovalDocument {
  return {
    id: row.id,
    company_id: row.company_id,
    cart_id: row.cart_id,
    customer_id: row.customer_id,
    employee_id: row.employee_id,
    status: row.status,
    currency_code: row.currency_code,
    total_minor: BigInt(String(row.total_minor)).toString(),
    levels: row.levels,
    current_level: row.current_level,
    waiting_for: row.status === "pending" ? (row.levels[row.current_level]?.approver ?? null) : null,
    decisions: row.decisions,
    credit_override: row.credit_override,
    expires_at: iso(row.expires_at),
    decided_at: row.decided_at ? iso(row.decided_at) : null,
    order_id: row.order_id ?? null,
    created_at: iso(row.created_at),
  }
}
