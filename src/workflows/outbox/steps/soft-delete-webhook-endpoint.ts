import { createStep, StepResponse } from "@medusajs/framework/workflows-sdk"
import { OUTBOX_MODULE } from "../../../modules/outbox"
import type OutboxModuleService from "../../../modules/outbox/service"

export const softDeleteWebhookEndpointStepId = "soft-delete-webhook-endpoint-step"

export type SoftDeleteWebhookEndpointStepInput = {
  id: string
  /** The calling partner (partner API): another partner's endpoint is 404. Unset for staff. */
  partner_id?: string
}

/**
 * Soft-deletes one endpoint (404 when there is none); new events skip it at
 * once. Returns its id in a list, for cancelEndpointDeliveriesStep.
 * Compensation restores it.
 */
export const softDeleteWebhookEndpointStep = createStep(
  softDeleteWebhookEndpointStepId,
  async ({ id, partner_id }: SoftDeleteWebhookEndpointStepInput, { container }) => {
    const hub = container.resolve<OutboxModuleService>(OUTBOX_MODULE)
    await hub.endpointRow(id, partner_id)
    await hub.softDeleteWebhookEndpoints([id])
    return new StepResponse([id], [id])
  },
  async (ids, { container }) => {
    if (!ids?.length) return
    await container.resolve<OutboxModuleService>(OUTBOX_MODULE).restoreWebhookEndpoints(ids)
  }
)
