import { createWorkflow, WorkflowResponse } from "@medusajs/framework/workflows-sdk"
import { rotatePartnerSecretStep } from "./steps/rotate-partner-secret"

export type IssuePartnerCredentialsWorkflowInput = { id: string }

/**
 * A new client secret for a partner (lost, or leaked), shown once; the old
 * one can no longer obtain tokens.
 * Used by `POST /admin/webhooks/partners/:id/credentials`.
 *
 * @example
 * const { result } = await issuePartnerCredentialsWorkflow(container).run({ input: { id: "ptn_…" } })
 */
export const issuePartnerCredentialsWorkflow = createWorkflow(
  "issue-partner-credentials-workflow",
  (input: IssuePartnerCredentialsWorkflowInput) => {
    return new WorkflowResponse(rotatePartnerSecretStep(input.id))
  }
)
