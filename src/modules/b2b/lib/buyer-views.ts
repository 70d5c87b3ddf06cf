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

/** Minor units as a JSON integer (amounts are stored below 2^53, see db-minor.ts). */
export function jsonMinor(minor: bigint): number {
  if (minor > BigInt(Number.MAX_SAFE_INTEGER) || minor < -BigInt(Number.MAX_SAFE_INTEGER)) {
    throw new RangeError(`Amount ${minor} (minor units) is outside the JSON-safe range`)
  }
  return Number(minor)
}
