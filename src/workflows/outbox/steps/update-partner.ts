import { createStep, StepResponse } from "@medusajs/framework/workflows-sdk"
import { OUTBOX_MODULE } from "../../../modules/outbox"
import type OutboxModuleService from "../../../modules/outbox/service"
import type { PartnerGrants } from "../../../modules/outbox/lib/partner-grants"

export const updatePartnerStepId = "update-partner-step"

export type UpdatePartnerStepInput = {
  id: string
  update: {
    name?: string
    scopes?: string[]
    /** true revokes the credentials (tokens stop working at once); false restores them. */
    revoked?: boolean
    /** Which business events its endpoints receive from now on (lib/partner-grants.ts). */
    grants?: PartnerGrants
  }
}

/** Updates a partner (404 when there is none); compensation puts back the partner as it was. */
export const updatePartnerStep = createStep(
  updatePartnerStepId,
  async ({ id, update }: UpdatePartnerStepInput, { container }) => {
    const hub = container.resolve<OutboxModuleService>(OUTBOX_MODULE)
    const previous = await hub.partnerRow(id)
    const partner = await hub.updatePartner(id, update)
    return new StepResponse(partner, previous)
  },
  async (previous, { container }) => {
    if (!previous) return
    await container.resolve<OutboxModuleService>(OUTBOX_MODULE).restorePartner(previous)
  }
)
