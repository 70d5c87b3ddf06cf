import { createWorkflow, transform, WorkflowResponse } from "@medusajs/framework/workflows-sdk"
import { enqueueWebhookDeliveriesStep } from "./steps/enqueue-webhook-deliveries"
import { recordWebhookTestStep, type RecordWebhookTestStepInput } from "./steps/record-webhook-test"

export type SendWebhookTestWorkflowInput = RecordWebhookTestStepInput

/**
 * Sends a signed `webhook.test` event to one endpoint only, whatever it
 * subscribes to, so a partner can check their receiver and signature
 * verification. A disabled endpoint is refused until it is re-enabled. Used
 * by `POST /partners/endpoints/:id/test` and `POST /admin/webhooks/endpoints/:id/test`.
 *
 * @example
 * const { result } = await sendWebhookTestWorkflow(container).run({ input: { id: "ep_…" } })
 * result.delivery_id // follow it in GET /partners/deliveries/:id
 */
export const sendWebhookTestWorkflow = createWorkflow(
  "send-webhook-test-workflow",
  (input: SendWebhookTestWorkflowInput) => {
    const recorded = recordWebhookTestStep(input)
    const enqueue = transform({ recorded }, ({ recorded }) => ({
      delivery_ids: [recorded.delivery_id],
      lane: "first" as const,
    }))
    enqueueWebhookDeliveriesStep(enqueue)
    return new WorkflowResponse(recorded)
  }
)
