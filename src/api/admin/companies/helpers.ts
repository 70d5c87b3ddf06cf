import type { MedusaContainer } from "@medusajs/framework/types"
import { ContainerRegistrationKeys, MedusaError } from "@medusajs/framework/utils"
import { adminCompanyQueryConfig, adminEmployeeFields } from "./query-config"

/** The company as the admin API returns it; 404 when it does not exist. */
export async function refetchCompany(
  scope: MedusaContainer,
  id: string,
  fields: string[] = adminCompanyQueryConfig.retrieve.defaults
) {
  const query = scope.resolve(ContainerRegistrationKeys.QUERY)
  const { data } = await query.graph({ entity: "company", fields, filters: { id } })
  if (!data[0]) throw new MedusaError(MedusaError.Types.NOT_FOUND, `Company with id: ${id} was not found`)
  return data[0]
}

/** An employee of `companyId`; 404 when it does not exist or works for another company. */
export async function refetchEmployee(scope: MedusaContainer, companyId: string, employeeId: string) {
  const query = scope.resolve(ContainerRegistrationKeys.QUERY)
  const { data } = await query.graph({
    entity: "employee",
    fields: adminEmployeeFields,
    filters: { id: employeeId, company_id: companyId },
  })
  if (!data[0]) {
    throw new MedusaError(
      MedusaError.Types.NOT_FOUND,
      `Employee with id: ${employeeId} was not found in company ${companyId}`
    )
  }
  return data[0]
}
