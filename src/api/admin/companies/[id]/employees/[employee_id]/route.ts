import type { MedusaRequest, MedusaResponse } from "@medusajs/framework/http"
import { deleteEmployeeWorkflow } from "../../../../../../workflows/b2b/delete-employee"
import { updateEmployeeWorkflow } from "../../../../../../workflows/b2b/update-employee"
import { refetchEmployee } from "../../../helpers"
import type { AdminUpdateEmployeeType } from "../../../validators"

/** POST /admin/companies/:id/employees/:employee_id: role and spending limit. */
export async function POST(req: MedusaRequest<AdminUpdateEmployeeType>, res: MedusaResponse) {
  const { id, employee_id } = req.params
  await refetchEmployee(req.scope, id, employee_id)
  await updateEmployeeWorkflow(req.scope).run({ input: { id: employee_id, update: req.validatedBody } })
  res.json({ employee: await refetchEmployee(req.scope, id, employee_id) })
}

/** DELETE /admin/companies/:id/employees/:employee_id: the customer leaves the company (and its customer group). */
export async function DELETE(req: MedusaRequest, res: MedusaResponse) {
  const { id, employee_id } = req.params
  await refetchEmployee(req.scope, id, employee_id)
  await deleteEmployeeWorkflow(req.scope).run({ input: { id: employee_id } })
  res.json({ id: employee_id, object: "employee", deleted: true })
}
