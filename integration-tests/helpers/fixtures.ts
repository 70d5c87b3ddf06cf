import type { MedusaContainer } from "@medusajs/framework/types"
import { seedCommerce, SeededCommerce } from "../../src/scripts/seed/seed-commerce"
import { seedBuyer, SeededBuyer } from "../../src/scripts/seed/seed-buyer"
import type { EmployeeRole } from "../../src/modules/b2b/lib/roles"
import { seedCompanyWithContract, ContractRuleSeed } from "../../src/scripts/seed/seed-company"

export type B2bFixture = SeededCommerce & {
  company_id: string
  contract_id: string | null
  buyer: SeededBuyer
}

/**
 * A merchant (seedCommerce) plus one buyer company with a Net 30 contract and
 * an employee who can log in. Variants: FAST-KIT-100 12.50, GLOVE-L 4.20,
 * WRAP-500 31.00 USD list prices.
 */
export async function seedB2bFixture(
  container: MedusaContainer,
  options: {
    rules?: (variants: SeededCommerce["variants"]) => ContractRuleSeed[]
    credit_limit_minor?: number
    role?: EmployeeRole
    payment_terms?: string
  } = {}
): Promise<B2bFixture> {
  const commerce = await seedCommerce(container)
  const { company_id, contract_id } = await seedCompanyWithContract(container, {
    name: "Acme Industrial",
    currency_code: "usd",
    payment_terms: options.payment_terms ?? "net_30",
    credit_limit_minor: options.credit_limit_minor ?? 5_000_000,
    rules: options.rules ? options.rules(commerce.variants) : [],
    erp_account_number: "C-1001",
  })
  const buyer = await seedBuyer(container, {
    email: "dana@acme.example",
    password: "correct-horse-battery",
    company_id,
    role: options.role ?? "buyer",
  })
  return { ...commerce, company_id, contract_id, buyer }
}
