import type { AuthenticatedMedusaRequest, MedusaResponse } from "@medusajs/framework/http"
import { ContainerRegistrationKeys } from "@medusajs/framework/utils"
import { employeeForCompanyAdmin, type EmployeeForCompanyAdmin } from "../../../../modules/b2b/lib/buyer-views"
import { inviteEmployeeWorkflow } from "../../../../workflows/b2b/invite-employee"
import { requireEmployee } from "../helpers"
import { companyEmployeeFields, refetchCompanyEmployee } from "./helpers"
import type { StoreInviteEmployeeType, StoreListEmployeesType } from "./validators"

/** GET /store/b2b/employees?limit=&offset=: the caller's company's employees, oldest first, deactivated ones included. */
export async function GET(req: AuthenticatedMedusaRequest, res: MedusaResponse) {
  const { company } = await requireEmployee(req)
  const { limit, offset } = req.validatedQuery as StoreListEmployeesType
  const query = req.scope.resolve(ContainerRegistrationKeys.QUERY)
  const { data, metadata } = await query.graph({
    entity: "employee",
    fields: companyEmployeeFields,
    filters: { company_id: company.id },
    pagination: { skip: offset, take: limit, order: { created_at: "ASC" } },
  })
  res.json({
    employees: (data as EmployeeForCompanyAdmin[]).map(employeeForCompanyAdmin),
    count: metadata?.count ?? data.length,
    limit,
    offset,
  })
}

/**
 * POST /store/b2b/employees {email, role, spending_limit_minor, spending_limit_period}:
 * invites a new person to the caller's company. The response carries
 * `invite` {token, expires_at}, shown this once, as staff get it: the admin
 * sends it to the person, who signs up with it (README, "Employee onboarding").
 */
export async function POST(req: AuthenticatedMedusaRequest<StoreInviteEmployeeType>, res: MedusaResponse) {
  const { company } = await requireEmployee(req)
  const { result } = await inviteEmployeeWorkflow(req.scope).run({
    input: { company_id: company.id, ...req.validatedBody },
  })
  res.status(201).json({
    employee: await refetchCompanyEmployee(req.scope, company.id, result.employee.id),
    invite: result.invite,
  })
}
