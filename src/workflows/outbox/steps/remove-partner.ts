import { createStep, StepResponse } from "@medusajs/framework/workflows-sdk"
import { OUTBOX_MODULE } from "../../../modules/outbox"
import type OutboxModuleService from "../../../modules/outbox/service"

export const removePartnerStepId = "remove-partner-step"

/**
 * Revokes a partner's credentials and soft-deletes it (404 when there is
 * none): its tokens stop working at once. Its endpoints have their own step.
 * Compensation restores the partner as it was.
 */
export const removePartnerStep = createStep(
  removePartnerStepId,
  async (id: string, { container }) => {
    const hub = container.resolve<OutboxModuleService>(OUTBOX_MODULE)
    const previous = await hub.partnerRow(id)
    await hub.removePartner(id)
    return new StepResponse(id, previous)
  },
  async (previous, { container }) => {
    if (!previous) return
    await container.resolve<OutboxModuleService>(OUTBOX_MODULE).restorePartner(previous)
  }
)
