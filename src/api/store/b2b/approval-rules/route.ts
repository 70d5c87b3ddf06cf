import type { AuthenticatedMedusaRequest, MedusaResponse } from "@medusajs/framework/http"
import { B2B_MODULE } from "../../../../modules/b2b"
import type B2bModuleService from "../../../../modules/b2b/service"
import { createApprovalRuleWorkflow } from "../../../../workflows/b2b/create-approval-rule"
import type { ApprovalRuleBodyType } from "../../../utils/approval-validators"
import { requireEmployee } from "../helpers"
import { approvalRuleView, type ApprovalRuleRow } from "../../../../modules/b2b/lib/approval-rule-view"

/** GET /store/b2b/approval-rules — the company's approval rules (its own and the merchant's). */
export async function GET(req: AuthenticatedMedusaRequest, res: MedusaResponse) {
  const { company } = await requireEmployee(req)
  const b2b = req.scope.resolve<B2bModuleService>(B2B_MODULE)
  const rules = await b2b.listApprovalRules({ company_id: company.id }, { order: { created_at: "ASC" } })
  res.json({
    approval_rules: rules.map((rule) => approvalRuleView(rule as ApprovalRuleRow)),
    approval_ttl_hours: company.approval_ttl_hours,
  })
}

/** POST /store/b2b/approval-rules — a company admin adds a rule for their company. */
export async function POST(req: AuthenticatedMedusaRequest<ApprovalRuleBodyType>, res: MedusaResponse) {
  const { company } = await requireEmployee(req)
  const { result } = await createApprovalRuleWorkflow(req.scope).run({
    input: { ...req.validatedBody, company_id: company.id, created_by: "company" },
  })
  res.status(201).json({ approval_rule: approvalRuleView(result as ApprovalRuleRow) })
}
