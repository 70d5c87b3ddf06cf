import type { MedusaRequest, MedusaResponse } from "@medusajs/framework/http"
import { B2B_MODULE } from "../../../../../modules/b2b"
import type B2bModuleService from "../../../../../modules/b2b/service"
import { createApprovalRuleWorkflow } from "../../../../../workflows/b2b/create-approval-rule"
import type { ApprovalRuleBodyType } from "../../../../utils/approval-validators"
import { refetchCompany } from "../../helpers"
import { approvalRuleView, type ApprovalRuleRow } from "../../../../../modules/b2b/lib/approval-rule-view"

/** GET /admin/companies/:id/approval-rules */
export async function GET(req: MedusaRequest, res: MedusaResponse) {
  await refetchCompany(req.scope, req.params.id, ["id"])
  const b2b = req.scope.resolve<B2bModuleService>(B2B_MODULE)
  const rules = await b2b.listApprovalRules({ company_id: req.params.id }, { order: { created_at: "ASC" } })
  res.json({ approval_rules: rules.map((rule) => approvalRuleView(rule as ApprovalRuleRow)) })
}

/** POST /admin/companies/:id/approval-rules — a rule set by the merchant (company admins cannot remove it). */
export async function POST(req: MedusaRequest<ApprovalRuleBodyType>, res: MedusaResponse) {
  await refetchCompany(req.scope, req.params.id, ["id"])
  const { result } = await createApprovalRuleWorkflow(req.scope).run({
    input: { ...req.validatedBody, company_id: req.params.id, created_by: "merchant" },
  })
  res.status(201).json({ approval_rule: approvalRuleView(result as ApprovalRuleRow) })
}
