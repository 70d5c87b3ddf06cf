import { createWorkflow, WorkflowResponse } from "@medusajs/framework/workflows-sdk"
import { updatePartnerStep, type UpdatePartnerStepInput } from "./steps/update-partner"

export type UpdatePartnerWorkflowInput = UpdatePartnerStepInput

/**
 * Renames a partner, changes its granted scopes or its grants (which
 * companies' and channels' events it receives, from now on), or revokes its credentials
 * (`revoked: true`: its tokens stop working at once) or restores them. Used
 * by `POST /admin/webhooks/partners/:id`.
 *
 * @example
 * const { result: partner } = await updatePartnerWorkflow(container).run({
 *   input: { id: "ptn_…", update: { revoked: true } },
 * })
 */
export const updatePartnerWorkflow = createWorkflow("update-partner-workflow", (input: UpdatePartnerWorkflowInput) => {
  return new WorkflowResponse(updatePartnerStep(input))
})
