import { createWorkflow, WorkflowResponse } from "@medusajs/framework/workflows-sdk"
import { updateWebhookEndpointStep, type UpdateWebhookEndpointStepInput } from "./steps/update-webhook-endpoint"

export type UpdateWebhookEndpointWorkflowInput = UpdateWebhookEndpointStepInput

/**
 * Changes an endpoint's URL, event types, headers or limits, or disables
 * (`enabled: false`, its pending deliveries then fail as endpoint_disabled)
 * or re-enables it. Used by `POST /partners/endpoints/:id` and
 * `POST /admin/webhooks/endpoints/:id`.
 *
 * @example
 * const { result: endpoint } = await updateWebhookEndpointWorkflow(container).run({
 *   input: { id: "ep_…", partner_id: "ptn_…", update: { enabled: false } },
 * })
 */
export const updateWebhookEndpointWorkflow = createWorkflow(
  "update-webhook-endpoint-workflow",
  (input: UpdateWebhookEndpointWorkflowInput) => {
    return new WorkflowResponse(updateWebhookEndpointStep(input))
  }
)
