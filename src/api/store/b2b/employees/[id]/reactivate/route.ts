import type { AuthenticatedMedusaRequest, MedusaResponse } from "@medusajs/framework/http"
import { setEmployeeActiveWorkflow } from "../../../../../../workflows/b2b/set-employee-active"
import { requireEmployee } from "../../../helpers"
import { refetchCompanyEmployee } from "../../helpers"

/** POST /store/b2b/employees/:id/reactivate: the employee acts for the company again, role and limit as they were. */
export async function POST(req: AuthenticatedMedusaRequest, res: MedusaResponse) {
  const { company } = await requireEmployee(req)
  await refetchCompanyEmployee(req.scope, company.id, req.params.id)
  await setEmployeeActiveWorkflow(req.scope).run({ input: { id: req.params.id, active: true } })
  res.json({ employee: await refetchCompanyEmployee(req.scope, company.id, req.params.id) })
}
