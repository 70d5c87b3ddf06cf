import { createWorkflow, WorkflowResponse } from "@medusajs/framework/workflows-sdk"
import { createApprovalRuleStep, type CreateApprovalRuleStepInput } from "./steps/create-approval-rule"

/**
 * Adds an approval rule to a company (by its admins, or by merchant staff).
 * It applies to checkouts from now on. Used by `POST /store/b2b/approval-rules`
 * and `POST /admin/companies/:id/approval-rules`.
 *
 * @example
 * await createApprovalRuleWorkflow(container).run({ input: {
 *   company_id, created_by: "company", condition: "order_total_above", currency_code: "usd",
 *   amount_minor: 100_000, approver: "company_admin", second_level_above_minor: 500_000, second_level_approver: "merchant",
 * } })
 */
export const createApprovalRuleWorkflow = createWorkflow(
  "create-approval-rule",
  (input: CreateApprovalRuleStepInput) => new WorkflowResponse(createApprovalRuleStep(input))
)
