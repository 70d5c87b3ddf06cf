import { createStep, StepResponse } from "@medusajs/framework/workflows-sdk"
import { OUTBOX_MODULE } from "../../../modules/outbox"
import type OutboxModuleService from "../../../modules/outbox/service"

export const rotateWebhookEndpointSecretStepId = "rotate-webhook-endpoint-secret-step"

export type RotateWebhookEndpointSecretStepInput = {
  id: string
  /** The calling partner (partner API): another partner's endpoint is 404. Unset for staff. */
  partner_id?: string
  /** How long the replaced secret keeps signing; default 24 h, at most 7 days. */
  grace_period_ms?: number
}

/**
 * Gives the endpoint a new signing secret (in the result only); the old one
 * keeps signing for the grace period. Compensation puts back the secrets the
 * endpoint had: the new one was never handed out.
 */
export const rotateWebhookEndpointSecretStep = createStep(
  rotateWebhookEndpointSecretStepId,
  async ({ id, partner_id, grace_period_ms }: RotateWebhookEndpointSecretStepInput, { container }) => {
    const hub = container.resolve<OutboxModuleService>(OUTBOX_MODULE)
    const { endpoint, secret, replaced } = await hub.rotateEndpointSecret(id, grace_period_ms, partner_id)
    return new StepResponse({ endpoint, secret }, { id, secrets: replaced })
  },
  async (undo, { container }) => {
    if (!undo) return
    await container.resolve<OutboxModuleService>(OUTBOX_MODULE).restoreEndpointSecrets(undo.id, undo.secrets)
  }
)
