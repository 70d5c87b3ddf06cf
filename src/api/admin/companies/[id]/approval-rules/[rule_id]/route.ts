import type { MedusaRequest, MedusaResponse } from "@medusajs/framework/http"
import { deleteApprovalRuleWorkflow } from "../../../../../../workflows/b2b/delete-approval-rule"

/** DELETE /admin/companies/:id/approval-rules/:rule_id */
export async function DELETE(req: MedusaRequest, res: MedusaResponse) {
  await deleteApprovalRuleWorkflow(req.scope).run({
    input: { company_id: req.params.id, rule_id: req.params.rule_id, as: "merchant" },
  })
  res.json({ id: req.params.rule_id, object: "approval_rule", deleted: true })
}
