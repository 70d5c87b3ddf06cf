// The approval API's answers as the dashboard reads them (src/api/admin/approval-requests, modules/b2b/lib/approval-document.ts).

export type Approver = "approver" | "company_admin" | "merchant"
export type ApprovalStatus = "pending" | "approved" | "rejected" | "expired" | "canceled"

export const APPROVAL_STATUSES: ApprovalStatus[] = ["pending", "approved", "rejected", "expired", "canceled"]

export type ApprovalLevel = { approver: Approver; reasons: string[] }

export type ApprovalDecision = {
  level: number
  approver: Approver
  decision: "approved" | "rejected"
  actor_type: "employee" | "user"
  /** A staff user's id, or the deciding employee's customer id. */
  actor_id: string
  comment: string | null
  at: string
}

export type ApprovalRequest = {
  id: string
  company_id: string
  cart_id: string
  customer_id: string
  employee_id: string
  status: ApprovalStatus
  currency_code: string
  /** Integer minor units. */
  total_minor: string
  levels: ApprovalLevel[]
  current_level: number
  waiting_for: Approver | null
  decisions: ApprovalDecision[]
  credit_override: boolean
  expires_at: string
  decided_at: string | null
  order_id: string | null
  created_at: string
}

/** Medusa's cart amounts are major units (numbers or decimal strings); see cartMinor. */
type MajorAmount = number | string | null

export type ApprovalCartItem = {
  id: string
  title: string
  variant_id: string | null
  variant_sku: string | null
  quantity: number
  unit_price: MajorAmount
  subtotal: MajorAmount
  total: MajorAmount
  contract_rule_id: string | null
  price_explanation: string | null
}

export type ApprovalCart = {
  id: string
  currency_code: string
  email: string | null
  po_number: string | null
  subtotal: MajorAmount
  discount_total: MajorAmount
  shipping_total: MajorAmount
  tax_total: MajorAmount
  total: MajorAmount
  items: ApprovalCartItem[]
  shipping_methods: { name: string; amount: MajorAmount }[] | null
}

export type ApprovalListResponse = {
  approval_requests: ApprovalRequest[]
  count: number
  limit: number
  offset: number
}
export type ApprovalDetailResponse = { approval_request: ApprovalRequest; cart: ApprovalCart | null }

export const APPROVER_LABELS: Record<Approver, string> = {
  approver: "Company approver",
  company_admin: "Company admin",
  merchant: "Merchant",
}
