import type { MedusaContainer } from "@medusajs/framework/types"
import { ContainerRegistrationKeys, MedusaError } from "@medusajs/framework/utils"
import { employeeForCompanyAdmin, type EmployeeForCompanyAdmin } from "../../../../modules/b2b/lib/buyer-views"

/** The employee fields the company's admins see, with the customer's through the employee→customer link. */
export const companyEmployeeFields = [
  "id",
  "role",
  "spending_limit_minor",
  "spending_limit_period",
  "deactivated_at",
  "created_at",
  "customer.email",
  "customer.first_name",
  "customer.last_name",
  "customer.has_account",
]

/** An employee of `companyId` as its admins see it; 404 for any other, a subsidiary's included. */
export async function refetchCompanyEmployee(scope: MedusaContainer, companyId: string, employeeId: string) {
  const query = scope.resolve(ContainerRegistrationKeys.QUERY)
  const { data } = await query.graph({
    entity: "employee",
    fields: companyEmployeeFields,
    filters: { id: employeeId, company_id: companyId },
  })
  if (!data[0]) throw new MedusaError(MedusaError.Types.NOT_FOUND, `Employee with id: ${employeeId} was not found`)
  return employeeForCompanyAdmin(data[0] as EmployeeForCompanyAdmin)
}
