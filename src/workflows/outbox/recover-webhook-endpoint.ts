import { createWorkflow, transform, WorkflowResponse } from "@medusajs/framework/workflows-sdk"
import { enqueueWebhookDeliveriesStep } from "./steps/enqueue-webhook-deliveries"
import { requeueFailedDeliveriesStep, type RequeueFailedDeliveriesStepInput } from "./steps/requeue-failed-deliveries"

export type RecoverWebhookEndpointWorkflowInput = RequeueFailedDeliveriesStepInput

/**
 * Sends again every delivery to an endpoint that failed since a time (after
 * the partner fixed their receiver), each with a fresh retry schedule and
 * its original webhook-id. Idempotent: a second run finds them pending or
 * delivered and re-queues nothing. Recovered backlogs go to the retry lane,
 * so fresh traffic keeps its own. Used by `POST /partners/endpoints/:id/recover`
 * and `POST /admin/webhooks/endpoints/:id/recover`.
 *
 * @example
 * const { result } = await recoverWebhookEndpointWorkflow(container).run({
 *   input: { endpoint_id: "ep_…", since: "2026-01-01T00:00:00Z" },
 * })
 * result.recovered // how many deliveries were re-queued
 */
export const recoverWebhookEndpointWorkflow = createWorkflow(
  "recover-webhook-endpoint-workflow",
  (input: RecoverWebhookEndpointWorkflowInput) => {
    const requeued = requeueFailedDeliveriesStep(input)
    const enqueue = transform({ requeued }, ({ requeued }) => ({ delivery_ids: requeued, lane: "retry" as const }))
    enqueueWebhookDeliveriesStep(enqueue)
    return new WorkflowResponse(transform({ requeued }, ({ requeued }) => ({ recovered: requeued.length })))
  }
)
