import { createStep, StepResponse } from "@medusajs/framework/workflows-sdk"
import { OUTBOX_MODULE } from "../../../modules/outbox"
import type { EndpointPatch } from "../../../modules/outbox/lib/endpoint-admin"
import type OutboxModuleService from "../../../modules/outbox/service"

export const updateWebhookEndpointStepId = "update-webhook-endpoint-step"

export type UpdateWebhookEndpointStepInput = {
  id: string
  /** The calling partner (partner API): another partner's endpoint is 404. Unset for staff. */
  partner_id?: string
  /** Only the settings to change; `enabled` disables or re-enables the endpoint. */
  update: EndpointPatch
}

/** Updates an endpoint's settings; compensation puts back the settings it had. */
export const updateWebhookEndpointStep = createStep(
  updateWebhookEndpointStepId,
  async ({ id, partner_id, update }: UpdateWebhookEndpointStepInput, { container }) => {
    const hub = container.resolve<OutboxModuleService>(OUTBOX_MODULE)
    const previous = await hub.endpointRow(id, partner_id)
    const endpoint = await hub.updateEndpoint(id, update, partner_id)
    return new StepResponse(endpoint, previous)
  },
  async (previous, { container }) => {
    if (!previous) return
    await container.resolve<OutboxModuleService>(OUTBOX_MODULE).restoreEndpointSettings(previous)
  }
)
