import type { MedusaContainer } from "@medusajs/framework/types"
import { Modules } from "@medusajs/framework/utils"
import { createCustomerAccountWorkflow } from "@medusajs/medusa/core-flows"
import { createEmployeeWorkflow } from "../../workflows/b2b/create-employee"
import type { EmployeeRole } from "../../modules/b2b/lib/roles"

export type SeededBuyer = { customer_id: string; email: string; password: string; employee_id: string }

/**
 * A storefront customer with an email/password login (the same path as
 * POST /auth/customer/emailpass/register + POST /store/customers), made an
 * employee of `company_id` with `role` (through the admin API's workflow, so
 * the customer also joins the company's customer group).
 */
export async function seedBuyer(
  container: MedusaContainer,
  input: {
    email: string
    password: string
    company_id: string
    role?: EmployeeRole
    spending_limit_minor?: number | null
    first_name?: string
    last_name?: string
  }
): Promise<SeededBuyer> {
  const auth = container.resolve(Modules.AUTH)
  const { authIdentity, error } = await auth.register("emailpass", {
    body: { email: input.email, password: input.password },
  })
  if (error || !authIdentity) throw new Error(`Could not register ${input.email}: ${error}`)
  const { result: customer } = await createCustomerAccountWorkflow(container).run({
    input: {
      authIdentityId: authIdentity.id,
      customerData: {
        email: input.email,
        first_name: input.first_name ?? "Dana",
        last_name: input.last_name ?? "Buyer",
      },
    },
  })
  const {
    result: { employee },
  } = await createEmployeeWorkflow(container).run({
    input: {
      customer_id: customer.id,
      company_id: input.company_id,
      role: input.role ?? "buyer",
      spending_limit_minor: input.spending_limit_minor ?? null,
    },
  })
  return { customer_id: customer.id, email: input.email, password: input.password, employee_id: employee.id }
}
