import { createStep, StepResponse } from "@medusajs/framework/workflows-sdk"
import { OUTBOX_MODULE } from "../../../modules/outbox"
import type OutboxModuleService from "../../../modules/outbox/service"

export const enqueueErpSyncsStepId = "enqueue-erp-syncs-step"

/**
 * Hands due syncs to the ERP sync queue, best effort (a Redis failure is
 * logged, not thrown). Not compensated: a queued job cannot be taken back,
 * and need not be: the reconciler enqueues every due pending sync anyway,
 * and a worker acts only on what the row says when it claims it.
 */
export const enqueueErpSyncsStep = createStep(enqueueErpSyncsStepId, async (ids: string[], { container }) => {
  await container.resolve<OutboxModuleService>(OUTBOX_MODULE).enqueueErpDeliveries(ids)
  return new StepResponse(undefined)
})
