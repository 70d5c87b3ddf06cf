/** Shapes of backy's /admin/companies answers, as the pages read them. */

export const COMPANIES_API = "/admin/companies"

export const EMPLOYEE_ROLES = ["admin", "approver", "buyer", "finance", "viewer"] as const
export const SPENDING_PERIODS = ["order", "day", "week", "month", "year"] as const

export type AdminCompany = {
  id: string
  name: string
  billing_email: string
  currency_code: string
  parent_company_id: string | null
  erp_account_number: string | null
  stripe_customer_id: string | null
  po_required: boolean | null
  approval_ttl_hours: number | null
  created_at: string
  customer_group?: { id: string; name: string } | null
}

export type CompanyListResponse = { companies: AdminCompany[]; count: number; offset: number; limit: number }
export type CompanyResponse = { company: AdminCompany }

export type AdminEmployee = {
  id: string
  company_id: string
  customer_id: string
  role: (typeof EMPLOYEE_ROLES)[number]
  spending_limit_minor: number | string | null
  spending_limit_period: (typeof SPENDING_PERIODS)[number]
  deactivated_at: string | null
  customer?: { id: string; email: string | null; first_name: string | null; last_name: string | null } | null
}

export type EmployeeListResponse = { employees: AdminEmployee[]; count: number }

/** "Dana Buyer" or the email when the customer has no name. */
export function personName(customer: AdminEmployee["customer"]): string {
  const name = [customer?.first_name, customer?.last_name].filter(Boolean).join(" ")
  return name || customer?.email || "—"
}
