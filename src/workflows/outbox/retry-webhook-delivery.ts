import { createWorkflow, transform, WorkflowResponse } from "@medusajs/framework/workflows-sdk"
import { enqueueWebhookDeliveriesStep } from "./steps/enqueue-webhook-deliveries"
import { retryWebhookDeliveryStep, type RetryWebhookDeliveryStepInput } from "./steps/retry-webhook-delivery"

export type RetryWebhookDeliveryWorkflowInput = RetryWebhookDeliveryStepInput

/**
 * Sends one delivery again now: a failed, canceled or delivered one with a
 * fresh retry schedule, a pending one keeps its schedule. The same
 * webhook-id goes out, so receivers deduplicate as on any retry. Returns the
 * delivery as it is after the change. Used by
 * `POST /partners/deliveries/:id/retry` and `POST /admin/webhooks/deliveries/:id/retry`.
 *
 * @example
 * const { result: delivery } = await retryWebhookDeliveryWorkflow(container).run({ input: { id: "dlv_…" } })
 */
export const retryWebhookDeliveryWorkflow = createWorkflow(
  "retry-webhook-delivery-workflow",
  (input: RetryWebhookDeliveryWorkflowInput) => {
    const retried = retryWebhookDeliveryStep(input)
    // A delivery a worker holds right now was left alone: that worker finishes it.
    const enqueue = transform({ input, retried }, ({ input, retried }) => ({
      delivery_ids: retried.requeued ? [input.id] : [],
      lane: "first" as const,
    }))
    enqueueWebhookDeliveriesStep(enqueue)
    return new WorkflowResponse(transform({ retried }, ({ retried }) => retried.delivery))
  }
)
