import { createWorkflow, WorkflowResponse } from "@medusajs/framework/workflows-sdk"
import { issueEmployeeInviteStep, type IssueEmployeeInviteStepInput } from "./steps/issue-employee-invite"

export type IssueEmployeeInviteWorkflowInput = IssueEmployeeInviteStepInput

/**
 * A fresh storefront invite for an employee who has not signed up yet (the
 * first one expired or got lost); earlier invites stop working. Used by
 * `POST /admin/companies/:id/employees/:employee_id/invite`.
 *
 * @example
 * const { result: invite } = await issueEmployeeInviteWorkflow(container).run({ input: { employee_id: "emp_123" } })
 */
export const issueEmployeeInviteWorkflow = createWorkflow(
  "issue-employee-invite-workflow",
  (input: IssueEmployeeInviteWorkflowInput) => {
    const invite = issueEmployeeInviteStep(input)
    return new WorkflowResponse(invite)
  }
)
