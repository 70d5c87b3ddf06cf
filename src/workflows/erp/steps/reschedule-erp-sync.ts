import { createStep, StepResponse } from "@medusajs/framework/workflows-sdk"
import { OUTBOX_MODULE } from "../../../modules/outbox"
import type OutboxModuleService from "../../../modules/outbox/service"

export const rescheduleErpSyncStepId = "reschedule-erp-sync-step"

export type RescheduleErpSyncStepInput = {
  /** The sync (the outbox delivery to an ERP connection). */
  id: string
}

/**
 * Makes the sync due now: a finished one (failed, canceled, or delivered: a
 * resend) gets a fresh retry schedule, a pending one stops waiting. Returns
 * whether it should be enqueued (false while a worker holds it: that
 * worker's outcome decides). Compensation puts the delivery back as it was,
 * unless a worker has taken it since.
 */
export const rescheduleErpSyncStep = createStep(
  rescheduleErpSyncStepId,
  async ({ id }: RescheduleErpSyncStepInput, { container }) => {
    const before = await container.resolve<OutboxModuleService>(OUTBOX_MODULE).rescheduleDeliveryNow(id)
    return new StepResponse(before !== null, before)
  },
  async (before, { container }) => {
    if (!before) return
    await container.resolve<OutboxModuleService>(OUTBOX_MODULE).restoreDeliverySchedule(before)
  }
)
