import { createStep, StepResponse } from "@medusajs/framework/workflows-sdk"
import { OUTBOX_MODULE } from "../../../modules/outbox"
import type { EndpointInput } from "../../../modules/outbox/lib/endpoint-admin"
import type OutboxModuleService from "../../../modules/outbox/service"

export const createWebhookEndpointStepId = "create-webhook-endpoint-step"

export type CreateWebhookEndpointStepInput = {
  /** The partner the endpoint belongs to; an unknown one is a 400 naming `partner_id`. */
  partner_id: string
  endpoint: EndpointInput
}

/**
 * Creates the endpoint (its URL vetted against SSRF, its event types against
 * the catalogue) with a fresh signing secret, which is in the result only.
 * Compensation deletes the endpoint: its secret was never handed out.
 */
export const createWebhookEndpointStep = createStep(
  createWebhookEndpointStepId,
  async ({ partner_id, endpoint }: CreateWebhookEndpointStepInput, { container }) => {
    const created = await container.resolve<OutboxModuleService>(OUTBOX_MODULE).createEndpoint(partner_id, endpoint)
    return new StepResponse(created, created.endpoint.id)
  },
  async (id, { container }) => {
    if (!id) return
    await container.resolve<OutboxModuleService>(OUTBOX_MODULE).deleteWebhookEndpoints([id])
  }
)
