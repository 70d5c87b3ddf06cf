import type { AuthenticatedMedusaRequest, MedusaResponse } from "@medusajs/framework/http"
import { deleteApprovalRuleWorkflow } from "../../../../../workflows/b2b/delete-approval-rule"
import { requireEmployee } from "../../helpers"

/** DELETE /store/b2b/approval-rules/:id — removes one of the company's own rules (403 for the merchant's). */
export async function DELETE(req: AuthenticatedMedusaRequest, res: MedusaResponse) {
  const { company } = await requireEmployee(req)
  await deleteApprovalRuleWorkflow(req.scope).run({
    input: { company_id: company.id, rule_id: req.params.id, as: "company" },
  })
  res.json({ id: req.params.id, object: "approval_rule", deleted: true })
}
