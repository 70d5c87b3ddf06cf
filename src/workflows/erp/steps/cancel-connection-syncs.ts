import { createStep, StepResponse } from "@medusajs/framework/workflows-sdk"
import { OUTBOX_MODULE } from "../../../modules/outbox"
import type OutboxModuleService from "../../../modules/outbox/service"

export const cancelConnectionSyncsStepId = "cancel-connection-syncs-step"

/**
 * Cancels the pending syncs (outbox deliveries) of a removed ERP connection;
 * the delivery log keeps them. The last step of its workflow, so it is never
 * compensated: a worker may already have skipped a canceled delivery, and
 * putting it back would need the connection that is gone.
 */
export const cancelConnectionSyncsStep = createStep(
  cancelConnectionSyncsStepId,
  async (connectionId: string, { container }) => {
    const hub = container.resolve<OutboxModuleService>(OUTBOX_MODULE)
    return new StepResponse(await hub.cancelPendingDeliveries("erp_connection", connectionId, "connection_deleted"))
  }
)
