import { createStep, StepResponse } from "@medusajs/framework/workflows-sdk"
import { OUTBOX_MODULE } from "../../../modules/outbox"
import type OutboxModuleService from "../../../modules/outbox/service"

export const cancelEndpointDeliveriesStepId = "cancel-endpoint-deliveries-step"

/** The failure reason the delivery log shows for these cancellations. */
const ENDPOINT_DELETED = "endpoint_deleted"

/**
 * Cancels the pending deliveries of deleted endpoints (the delivery log keeps
 * them; a worker holding one loses its lease). Returns the canceled ids.
 * Compensation makes them pending again, due as they were.
 */
export const cancelEndpointDeliveriesStep = createStep(
  cancelEndpointDeliveriesStepId,
  async (endpointIds: string[], { container }) => {
    const hub = container.resolve<OutboxModuleService>(OUTBOX_MODULE)
    const canceled = await hub.cancelEndpointDeliveries(endpointIds, ENDPOINT_DELETED)
    return new StepResponse(canceled, canceled)
  },
  async (canceled, { container }) => {
    if (!canceled?.length) return
    await container.resolve<OutboxModuleService>(OUTBOX_MODULE).restoreCanceledDeliveries(canceled, ENDPOINT_DELETED)
  }
)
