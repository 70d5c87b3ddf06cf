import type { MedusaContainer } from "@medusajs/framework/types"
import type { PaymentTerms } from "../../modules/b2b/models/contract"
import type { RuleInput } from "../../modules/b2b/lib/rule-input"
import { createCompanyWorkflow } from "../../workflows/b2b/create-company"
import { createContractWorkflow } from "../../workflows/b2b/create-contract"

/** A contract rule in the admin API's shape (amounts in minor units, see api/utils/zod-fields.ts). */
export type ContractRuleSeed = RuleInput

/**
 * A buyer company (with its customer group) and, when rules or payment terms
 * are given, one active contract, through the same workflows as the admin
 * API (used by the demo and tests).
 */
export async function seedCompanyWithContract(
  container: MedusaContainer,
  input: {
    name: string
    currency_code: string
    parent_company_id?: string | null
    payment_terms?: PaymentTerms | string
    credit_limit_minor?: number
    valid_from?: Date
    valid_to?: Date | null
    rules?: ContractRuleSeed[]
    erp_account_number?: string
  }
): Promise<{ company_id: string; contract_id: string | null }> {
  const { result: company } = await createCompanyWorkflow(container).run({
    input: {
      name: input.name,
      billing_email: `ap@${input.name.toLowerCase().replace(/[^a-z0-9]+/g, "-")}.example`,
      currency_code: input.currency_code.toLowerCase(),
      parent_company_id: input.parent_company_id ?? null,
      erp_account_number: input.erp_account_number ?? null,
    },
  })
  if (!input.rules && input.payment_terms === undefined) return { company_id: company.id, contract_id: null }
  const { result: contract } = await createContractWorkflow(container).run({
    input: {
      company_id: company.id,
      currency_code: input.currency_code.toLowerCase(),
      valid_from: input.valid_from ?? new Date(Date.now() - 86_400_000),
      valid_to: input.valid_to ?? null,
      payment_terms: (input.payment_terms ?? "net_30") as PaymentTerms,
      credit_limit_minor: input.credit_limit_minor ?? 10_000_000,
      rules: input.rules ?? [],
    },
  })
  return { company_id: company.id, contract_id: contract.id }
}
