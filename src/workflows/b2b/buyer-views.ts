import type { MedusaContainer } from "@medusajs/framework/types"
import { contractCredit } from "./contract-credit"

/**
 * What a buyer may see of its company and contracts through the store API:
 * terms and balances, never the price rules wholesale or the integration ids.
 */

export function companyForBuyer(company: Record<string, any>) {
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

export function employeeForBuyer(employee: Record<string, any>) {
  return {
    id: employee.id,
    role: employee.role,
    spending_limit_minor:
      employee.spending_limit_minor === null || employee.spending_limit_minor === undefined
        ? null
        : Number(employee.spending_limit_minor),
  }
}

/** A contract's terms with its live credit position (amounts in minor units). */
export async function contractTermsForBuyer(
  container: MedusaContainer,
  contract: Record<string, any>,
  buyerCompanyId: string
) {
  const credit = await contractCredit(container, { id: contract.id, credit_limit_minor: contract.credit_limit_minor })
  return {
    id: contract.id,
    reference: contract.reference ?? null,
    currency_code: contract.currency_code,
    valid_from: contract.valid_from,
    valid_to: contract.valid_to ?? null,
    status: contract.status,
    payment_terms: contract.payment_terms,
    credit_limit_minor: jsonMinor(credit.credit_limit_minor),
    open_balance_minor: jsonMinor(credit.open_balance_minor),
    available_credit_minor: jsonMinor(credit.available_credit_minor),
    /** The company the contract belongs to: the buyer's own, or an ancestor it inherits from. */
    company_id: contract.company_id ?? contract.company?.id,
    inherited: (contract.company_id ?? contract.company?.id) !== buyerCompanyId,
  }
}

/** Minor units as a JSON integer (amounts are stored below 2^53, see db-minor.ts). */
export function jsonMinor(minor: bigint): number {
  if (minor > BigInt(Number.MAX_SAFE_INTEGER) || minor < -BigInt(Number.MAX_SAFE_INTEGER)) {
    throw new RangeError(`Amount ${minor} (minor units) is outside the JSON-safe range`)
  }
  return Number(minor)
}
