import { createWorkflow, WorkflowResponse } from "@medusajs/framework/workflows-sdk"
import { softDeleteApprovalRuleStep, type SoftDeleteApprovalRuleStepInput } from "./steps/soft-delete-approval-rule"

/**
 * Removes an approval rule. Used by `DELETE /store/b2b/approval-rules/:id`
 * and `DELETE /admin/companies/:id/approval-rules/:rule_id`.
 *
 * @example
 * await deleteApprovalRuleWorkflow(container).run({ input: { company_id, rule_id, as: "company" } })
 */
export const deleteApprovalRuleWorkflow = createWorkflow(
  "delete-approval-rule",
  (input: SoftDeleteApprovalRuleStepInput) => new WorkflowResponse(softDeleteApprovalRuleStep(input))
)
