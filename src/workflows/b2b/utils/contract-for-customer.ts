// Resolves who is buying (employee, company, active contract) for contract pricing and the checkout rules.
import type { MedusaContainer } from "@medusajs/framework/types"
import { B2B_MODULE } from "../../../modules/b2b"
import type B2bModuleService from "../../../modules/b2b/service"
import type { EmployeeRole } from "../../../modules/b2b/lib/roles"

type EmployeeWithCompany = Awaited<ReturnType<B2bModuleService["listEmployees"]>>[number]

/** The contract that applies to a company now, with its rules (B2bModuleService.resolveActiveContract). */
export type ActiveContract = NonNullable<Awaited<ReturnType<B2bModuleService["resolveActiveContract"]>>>["contract"]

export type BuyerContext = {
  employee: {
    id: string
    role: EmployeeRole
    spending_limit_minor: unknown
    spending_limit_period?: string | null
    customer_id: string
  }
  company: EmployeeWithCompany["company"]
  contract: ActiveContract | null
  contract_owner_company_id: string | null
}

/**
 * The customer's employee record with its company, or null for a customer
 * who is not an employee of any company. A deactivated employee counts as
 * none: every route and hook that asks this (contract prices, net terms,
 * roles, /store/b2b) then treats them as a customer of no company.
 */
export async function resolveEmployee(
  container: MedusaContainer,
  customerId: string | null | undefined
): Promise<Pick<BuyerContext, "employee" | "company"> | null> {
  if (!customerId) return null
  const b2b = container.resolve<B2bModuleService>(B2B_MODULE)
  const [employee] = await b2b.listEmployees(
    { customer_id: customerId, deactivated_at: null },
    { relations: ["company"] }
  )
  if (!employee) return null
  return { employee, company: employee.company }
}

/**
 * Who is buying: the customer's employee record, company, and the contract
 * that applies now in `currency` (own, else nearest ancestor's). Null for a
 * customer who is not an employee of any company.
 */
export async function resolveBuyerContext(
  container: MedusaContainer,
  customerId: string | null | undefined,
  currency: string,
  at: Date = new Date()
): Promise<BuyerContext | null> {
  const found = await resolveEmployee(container, customerId)
  if (!found) return null
  const { employee, company } = found
  const resolved = await container.resolve<B2bModuleService>(B2B_MODULE).resolveActiveContract(company.id, currency, at)
  return {
    employee,
    company,
    contract: resolved?.contract ?? null,
    contract_owner_company_id: resolved?.owner_company_id ?? null,
  }
}
