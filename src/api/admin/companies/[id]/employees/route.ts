import type { MedusaRequest, MedusaResponse } from "@medusajs/framework/http"
import { ContainerRegistrationKeys } from "@medusajs/framework/utils"
import { createEmployeeWorkflow } from "../../../../../workflows/b2b/create-employee"
import { refetchCompany, refetchEmployee } from "../../helpers"
import { adminEmployeeFields } from "../../query-config"
import type { AdminCreateEmployeeType } from "../../validators"

/** GET /admin/companies/:id/employees, with each employee's customer. */
export async function GET(req: MedusaRequest, res: MedusaResponse) {
  await refetchCompany(req.scope, req.params.id, ["id"])
  const query = req.scope.resolve(ContainerRegistrationKeys.QUERY)
  const { data: employees } = await query.graph({
    entity: "employee",
    fields: adminEmployeeFields,
    filters: { company_id: req.params.id },
  })
  res.json({ employees, count: employees.length })
}

/**
 * POST /admin/companies/:id/employees: makes an existing customer an employee
 * (one company per customer). For a customer without a storefront account
 * the response also carries `invite` {token, expires_at}, shown this once:
 * staff send it to the person, who signs up with it (README, "Employee onboarding").
 */
export async function POST(req: MedusaRequest<AdminCreateEmployeeType>, res: MedusaResponse) {
  await refetchCompany(req.scope, req.params.id, ["id"])
  const { result } = await createEmployeeWorkflow(req.scope).run({
    input: { company_id: req.params.id, ...req.validatedBody },
  })
  res
    .status(201)
    .json({ employee: await refetchEmployee(req.scope, req.params.id, result.employee.id), invite: result.invite })
}
