import { createStep, StepResponse } from "@medusajs/framework/workflows-sdk"
import { B2B_MODULE } from "../../../modules/b2b"
import type B2bModuleService from "../../../modules/b2b/service"

export const keepOrderCreditHoldStepId = "keep-order-credit-hold-step"

/**
 * The order now exists on net terms: its hold must count until the order's
 * invoice record takes over (credit-exposure.ts), not stop at the expiry that
 * covered a conversion dying half-way. Clears the hold's expiry.
 *
 * No compensation: the hold's own step (reserveCreditStep) releases it if
 * the workflow fails after this point, so restoring the expiry would not
 * matter.
 */
export const keepOrderCreditHoldStep = createStep(
  keepOrderCreditHoldStepId,
  async ({ hold_id }: { hold_id: string | null }, { container }) => {
    if (!hold_id) return new StepResponse(undefined)
    await container.resolve<B2bModuleService>(B2B_MODULE).updateCreditHolds({ id: hold_id, expires_at: null })
    return new StepResponse(undefined)
  }
)
