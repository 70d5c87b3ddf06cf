import { createStep, StepResponse } from "@medusajs/framework/workflows-sdk"
import { OUTBOX_MODULE } from "../../../modules/outbox"
import type OutboxModuleService from "../../../modules/outbox/service"

export const retryWebhookDeliveryStepId = "retry-webhook-delivery-step"

export type RetryWebhookDeliveryStepInput = {
  id: string
  /** The calling partner (partner API): another partner's delivery is 404. Unset for staff. */
  partner_id?: string
}

/**
 * Makes one delivery due now (a finished one with a fresh retry schedule;
 * the same webhook-id goes out). Refused when its endpoint is deleted or
 * disabled. `requeued` is false when a worker holds the delivery right now,
 * which is then left alone. Compensation puts back its previous state,
 * unless a worker has attempted it since.
 */
export const retryWebhookDeliveryStep = createStep(
  retryWebhookDeliveryStepId,
  async ({ id, partner_id }: RetryWebhookDeliveryStepInput, { container }) => {
    const hub = container.resolve<OutboxModuleService>(OUTBOX_MODULE)
    const { delivery, enqueue, previous } = await hub.retryDelivery(id, partner_id)
    return new StepResponse({ delivery, requeued: enqueue }, previous)
  },
  async (previous, { container }) => {
    if (!previous) return
    await container.resolve<OutboxModuleService>(OUTBOX_MODULE).restoreDeliveryStates([previous])
  }
)
