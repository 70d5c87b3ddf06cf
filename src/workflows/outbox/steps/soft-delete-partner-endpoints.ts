import { createStep, StepResponse } from "@medusajs/framework/workflows-sdk"
import { OUTBOX_MODULE } from "../../../modules/outbox"
import type OutboxModuleService from "../../../modules/outbox/service"

export const softDeletePartnerEndpointsStepId = "soft-delete-partner-endpoints-step"

/**
 * Soft-deletes every endpoint of a partner; returns their ids, for
 * cancelEndpointDeliveriesStep. Compensation restores them.
 */
export const softDeletePartnerEndpointsStep = createStep(
  softDeletePartnerEndpointsStepId,
  async (partnerId: string, { container }) => {
    const hub = container.resolve<OutboxModuleService>(OUTBOX_MODULE)
    const ids = (await hub.listEndpointRows({ partner_id: partnerId })).map((endpoint) => endpoint.id)
    if (ids.length) await hub.softDeleteWebhookEndpoints(ids)
    return new StepResponse(ids, ids)
  },
  async (ids, { container }) => {
    if (!ids?.length) return
    await container.resolve<OutboxModuleService>(OUTBOX_MODULE).restoreWebhookEndpoints(ids)
  }
)
