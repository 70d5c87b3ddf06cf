/**
 * What a buyer may see of its company and contracts through the store API:
 * terms and balances, never the price rules wholesale or the integration ids.
 */

/** The company fields a buyer sees (a company row has more). */
export type CompanyForBuyer = {
  id: string
  name: string
  billing_email: string
  billing_address?: unknown
  tax_ids?: unknown
  currency_code: string
  parent_company_id?: string | null
  po_required?: boolean | null
}

export function companyForBuyer(company: CompanyForBuyer) {
  return {
    id: company.id,
    name: company.name,
    billing_email: company.billing_email,
    billing_address: company.billing_address ?? null,
    tax_ids: company.tax_ids ?? [],
    currency_code: company.currency_code,
    parent_company_id: company.parent_company_id ?? null,
    po_required: company.po_required ?? false,
  }
}

export function employeeForBuyer(employee: {
  id: string
  role: string
  spending_limit_minor?: unknown
  spending_limit_period?: string | null
}) {
  return {
    id: employee.id,
    role: employee.role,
    spending_limit_period: employee.spending_limit_period ?? "order",
    spending_limit_minor:
      employee.spending_limit_minor === null || employee.spending_limit_minor === undefined
        ? null
        : Number(employee.spending_limit_minor),
  }
}

/** An employee as their company's admins see it (GET /store/b2b/employees): who, role, limit, status. */
export type EmployeeForCompanyAdmin = {
  id: string
  role: string
  spending_limit_minor?: unknown
  spending_limit_period?: string | null
  deactivated_at?: Date | string | null
  created_at?: Date | string | null
  customer?: {
    email?: string | null
    first_name?: string | null
    last_name?: string | null
    has_account?: boolean | null
  } | null
}

export function employeeForCompanyAdmin(employee: EmployeeForCompanyAdmin) {
  const iso = (d: Date | string | null | undefined) => (d ? new Date(d).toISOString() : null)
  return {
    ...employeeForBuyer(employee),
    email: employee.customer?.email ?? null,
    first_name: employee.customer?.first_name ?? null,
    last_name: employee.customer?.last_name ?? null,
    /** false until the person has signed up with their invite. */
    has_account: employee.customer?.has_account ?? false,
    status: employee.deactivated_at ? ("deactivated" as const) : ("active" as const),
    deactivated_at: iso(employee.deactivated_at),
    created_at: iso(employee.created_at),
  }
}

/** Minor units as a JSON integer (amounts are stored below 2^53, see db-minor.ts). */
export function jsonMinor(minor: bigint): number {
  if (minor > BigInt(Number.MAX_SAFE_INTEGER) || minor < -BigInt(Number.MAX_SAFE_INTEGER)) {
    throw new RangeError(`Amount ${minor} (minor units) is outside the JSON-safe range`)
  }
  return Number(minor)
}
