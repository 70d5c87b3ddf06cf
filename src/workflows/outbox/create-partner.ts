import { createWorkflow, WorkflowResponse } from "@medusajs/framework/workflows-sdk"
import { createPartnerStep, type CreatePartnerStepInput } from "./steps/create-partner"

export type CreatePartnerWorkflowInput = CreatePartnerStepInput

/**
 * Creates a partner with OAuth2 client credentials. Returns the partner and
 * its client secret, which is shown once. Used by `POST /admin/webhooks/partners`.
 *
 * @example
 * const { result } = await createPartnerWorkflow(container).run({ input: { name: "Acme Analytics" } })
 * result.client_secret // hand it to the partner now: it is not stored
 */
export const createPartnerWorkflow = createWorkflow("create-partner-workflow", (input: CreatePartnerWorkflowInput) => {
  return new WorkflowResponse(createPartnerStep(input))
})
