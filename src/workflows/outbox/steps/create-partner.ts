import { createStep, StepResponse } from "@medusajs/framework/workflows-sdk"
import { OUTBOX_MODULE } from "../../../modules/outbox"
import type OutboxModuleService from "../../../modules/outbox/service"
import type { PartnerGrants } from "../../../modules/outbox/lib/partner-grants"

export const createPartnerStepId = "create-partner-step"

export type CreatePartnerStepInput = {
  /** Shown to staff only. */
  name: string
  /** Granted scopes (a subset of PARTNER_SCOPES); default all of them. */
  scopes?: string[]
  /** Which business events it receives (lib/partner-grants.ts); default none. */
  grants?: PartnerGrants
}

/**
 * Creates a partner with client credentials; the plain secret is in the
 * result only (a scrypt hash is stored). Compensation deletes the partner:
 * its secret was never handed out.
 */
export const createPartnerStep = createStep(
  createPartnerStepId,
  async (input: CreatePartnerStepInput, { container }) => {
    const issued = await container.resolve<OutboxModuleService>(OUTBOX_MODULE).issuePartner(input)
    return new StepResponse(issued, issued.partner.id)
  },
  async (id, { container }) => {
    if (!id) return
    await container.resolve<OutboxModuleService>(OUTBOX_MODULE).deletePartners([id])
  }
)
