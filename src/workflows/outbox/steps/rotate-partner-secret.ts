import { createStep, StepResponse } from "@medusajs/framework/workflows-sdk"
import { OUTBOX_MODULE } from "../../../modules/outbox"
import type OutboxModuleService from "../../../modules/outbox/service"

export const rotatePartnerSecretStepId = "rotate-partner-secret-step"

/**
 * Gives a partner a new client secret (in the result only); the old one
 * stops working at once. Compensation puts back the old secret's hash: the
 * new secret was never handed out.
 */
export const rotatePartnerSecretStep = createStep(
  rotatePartnerSecretStepId,
  async (id: string, { container }) => {
    const hub = container.resolve<OutboxModuleService>(OUTBOX_MODULE)
    const { replaced_secret_hash, ...issued } = await hub.rotatePartnerSecret(id)
    return new StepResponse(issued, { id, client_secret_hash: replaced_secret_hash })
  },
  async (undo, { container }) => {
    if (!undo) return
    await container.resolve<OutboxModuleService>(OUTBOX_MODULE).restorePartnerSecret(undo.id, undo.client_secret_hash)
  }
)
