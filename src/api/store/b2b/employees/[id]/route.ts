import type { AuthenticatedMedusaRequest, MedusaResponse } from "@medusajs/framework/http"
import { updateEmployeeWorkflow } from "../../../../../workflows/b2b/update-employee"
import { requireEmployee } from "../../helpers"
import { refetchCompanyEmployee } from "../helpers"
import type { StoreUpdateEmployeeType } from "../validators"

/** POST /store/b2b/employees/:id: role, spending limit and its period of an employee of the caller's company. */
export async function POST(req: AuthenticatedMedusaRequest<StoreUpdateEmployeeType>, res: MedusaResponse) {
  const { company } = await requireEmployee(req)
  await refetchCompanyEmployee(req.scope, company.id, req.params.id)
  await updateEmployeeWorkflow(req.scope).run({ input: { id: req.params.id, update: req.validatedBody } })
  res.json({ employee: await refetchCompanyEmployee(req.scope, company.id, req.params.id) })
}
