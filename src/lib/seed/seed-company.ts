import type { MedusaContainer } from "@medusajs/framework/types"
import { B2B_MODULE } from "../../modules/b2b"
import type B2bModuleService from "../../modules/b2b/service"

export type ContractRuleSeed = Record<string, unknown> & { type: string }

/** A buyer company with one active contract (used by the demo and tests). */
export async function seedCompanyWithContract(
  container: MedusaContainer,
  input: {
    name: string
    currency_code: string
    parent_company_id?: string | null
    payment_terms?: string
    credit_limit_minor?: number
    valid_from?: Date
    valid_to?: Date | null
    rules?: ContractRuleSeed[]
    erp_account_number?: string
  }
): Promise<{ company_id: string; contract_id: string | null }> {
  const b2b = container.resolve<B2bModuleService>(B2B_MODULE)
  const company = await b2b.createCompanies({
    name: input.name,
    billing_email: `ap@${input.name.toLowerCase().replace(/[^a-z0-9]+/g, "-")}.example`,
    currency_code: input.currency_code,
    parent_company_id: input.parent_company_id ?? null,
    erp_account_number: input.erp_account_number ?? null,
  } as any)
  if (!input.rules && input.payment_terms === undefined) return { company_id: company.id, contract_id: null }
  const contract = await b2b.createContracts({
    company_id: company.id,
    currency_code: input.currency_code,
    valid_from: input.valid_from ?? new Date(Date.now() - 86_400_000),
    valid_to: input.valid_to ?? null,
    payment_terms: input.payment_terms ?? "net_30",
    credit_limit_minor: input.credit_limit_minor ?? 10_000_000,
    rules: input.rules ?? [],
  } as any)
  return { company_id: company.id, contract_id: contract.id }
}
