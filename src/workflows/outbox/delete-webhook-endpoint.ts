import { createWorkflow, WorkflowResponse } from "@medusajs/framework/workflows-sdk"
import { cancelEndpointDeliveriesStep } from "./steps/cancel-endpoint-deliveries"
import {
  softDeleteWebhookEndpointStep,
  type SoftDeleteWebhookEndpointStepInput,
} from "./steps/soft-delete-webhook-endpoint"

export type DeleteWebhookEndpointWorkflowInput = SoftDeleteWebhookEndpointStepInput

/**
 * Deletes an endpoint and cancels what it still had to receive (the delivery
 * log keeps it). Used by `DELETE /partners/endpoints/:id` and
 * `DELETE /admin/webhooks/endpoints/:id`.
 *
 * @example
 * await deleteWebhookEndpointWorkflow(container).run({ input: { id: "ep_…", partner_id: "ptn_…" } })
 */
export const deleteWebhookEndpointWorkflow = createWorkflow(
  "delete-webhook-endpoint-workflow",
  (input: DeleteWebhookEndpointWorkflowInput) => {
    const deleted = softDeleteWebhookEndpointStep(input)
    const canceled = cancelEndpointDeliveriesStep(deleted)
    return new WorkflowResponse({ id: input.id, canceled_delivery_ids: canceled })
  }
)
