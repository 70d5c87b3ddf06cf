import { createStep, StepResponse } from "@medusajs/framework/workflows-sdk"
import { OUTBOX_MODULE } from "../../../modules/outbox"
import type OutboxModuleService from "../../../modules/outbox/service"

export const enqueueWebhookDeliveriesStepId = "enqueue-webhook-deliveries-step"

export type EnqueueWebhookDeliveriesStepInput = {
  /** Pending deliveries, due now. */
  delivery_ids: string[]
  /** "first" for fresh traffic; "retry" for recovered backlogs, so that they do not hold up fresh traffic. */
  lane: "first" | "retry"
}

/**
 * Hands pending deliveries to the webhook workers' queue (best effort: what
 * Redis does not take, the reconciler enqueues from Postgres). Not
 * compensated: a queued job cannot be taken back, and a delivery may have
 * left already; the rows are the truth, and the steps before undo those.
 */
export const enqueueWebhookDeliveriesStep = createStep(
  enqueueWebhookDeliveriesStepId,
  async ({ delivery_ids, lane }: EnqueueWebhookDeliveriesStepInput, { container }) => {
    if (delivery_ids.length)
      await container.resolve<OutboxModuleService>(OUTBOX_MODULE).enqueueWebhookDeliveries(delivery_ids, lane)
    return new StepResponse(undefined)
  }
)
