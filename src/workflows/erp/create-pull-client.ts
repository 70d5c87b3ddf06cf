import { createWorkflow, WorkflowResponse } from "@medusajs/framework/workflows-sdk"
import { issuePullClientStep, type IssuePullClientStepInput } from "./steps/issue-pull-client"
import { validatePullClientGrantsStep } from "./steps/validate-pull-client-grants"

export type CreatePullClientWorkflowInput = IssuePullClientStepInput

/**
 * Issues an ERP pull client (OAuth2 client credentials) after checking that
 * every sales channel and company it is granted exists. Returns the client
 * and its secret, which is shown once. Used by `POST /admin/erp/pull-clients`.
 *
 * @example
 * const { result } = await createPullClientWorkflow(container).run({
 *   input: { name: "WMS", scopes: ["orders:read"], sales_channel_ids: ["sc_…"], company_ids: [] },
 * })
 */
export const createPullClientWorkflow = createWorkflow(
  "create-pull-client-workflow",
  (input: CreatePullClientWorkflowInput) => {
    validatePullClientGrantsStep({ sales_channel_ids: input.sales_channel_ids, company_ids: input.company_ids })
    return new WorkflowResponse(issuePullClientStep(input))
  }
)
