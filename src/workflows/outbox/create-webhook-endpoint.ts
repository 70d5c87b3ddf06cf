import { createWorkflow, WorkflowResponse } from "@medusajs/framework/workflows-sdk"
import { createWebhookEndpointStep, type CreateWebhookEndpointStepInput } from "./steps/create-webhook-endpoint"

export type CreateWebhookEndpointWorkflowInput = CreateWebhookEndpointStepInput

/**
 * Subscribes a partner's URL to event types. Returns the endpoint and its
 * signing secret, which is shown once. Used by `POST /partners/endpoints`
 * and `POST /admin/webhooks/endpoints`.
 *
 * @example
 * const { result } = await createWebhookEndpointWorkflow(container).run({
 *   input: { partner_id: "ptn_…", endpoint: { url: "https://erp.example/hooks", event_types: ["order.placed"] } },
 * })
 */
export const createWebhookEndpointWorkflow = createWorkflow(
  "create-webhook-endpoint-workflow",
  (input: CreateWebhookEndpointWorkflowInput) => {
    return new WorkflowResponse(createWebhookEndpointStep(input))
  }
)
