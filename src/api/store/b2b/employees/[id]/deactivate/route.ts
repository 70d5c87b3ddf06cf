import type { AuthenticatedMedusaRequest, MedusaResponse } from "@medusajs/framework/http"
import { setEmployeeActiveWorkflow } from "../../../../../../workflows/b2b/set-employee-active"
import { requireEmployee } from "../../../helpers"
import { refetchCompanyEmployee } from "../../helpers"

/**
 * POST /store/b2b/employees/:id/deactivate: the employee keeps their record
 * and past orders but buys as a customer of no company until reactivated.
 * The company's last active admin cannot be deactivated (409 `id`).
 */
export async function POST(req: AuthenticatedMedusaRequest, res: MedusaResponse) {
  const { company } = await requireEmployee(req)
  await refetchCompanyEmployee(req.scope, company.id, req.params.id)
  await setEmployeeActiveWorkflow(req.scope).run({ input: { id: req.params.id, active: false } })
  res.json({ employee: await refetchCompanyEmployee(req.scope, company.id, req.params.id) })
}
