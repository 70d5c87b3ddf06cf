import type { MedusaRequest, MedusaResponse } from "@medusajs/framework/http"
import { issueEmployeeInviteWorkflow } from "../../../../../../../workflows/b2b/issue-employee-invite"
import { refetchEmployee } from "../../../../helpers"

/**
 * POST /admin/companies/:id/employees/:employee_id/invite: a new storefront
 * invite for an employee who has not signed up yet; earlier invites stop
 * working. 400 when the customer already has an account.
 */
export async function POST(req: MedusaRequest, res: MedusaResponse) {
  const { id, employee_id } = req.params
  await refetchEmployee(req.scope, id, employee_id)
  const { result: invite } = await issueEmployeeInviteWorkflow(req.scope).run({ input: { employee_id } })
  res.json({ employee_id, invite })
}
