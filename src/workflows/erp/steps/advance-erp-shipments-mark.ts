import { createStep, StepResponse } from "@medusajs/framework/workflows-sdk"
import { ERP_MODULE } from "../../../modules/erp"
import type ErpModuleService from "../../../modules/erp/service"

export const advanceErpShipmentsMarkStepId = "advance-erp-shipments-mark-step"

export type AdvanceErpShipmentsMarkStepInput = {
  connection_id: string
  /** The new high-water mark: when the complete read started. */
  synced_at: string
  /** The mark before, put back by compensation. */
  previous_mark: string | null
}

/**
 * Moves the connection's shipment high-water mark: the next poll reads from
 * there. Compensation puts the previous mark back.
 */
export const advanceErpShipmentsMarkStep = createStep(
  advanceErpShipmentsMarkStepId,
  async ({ connection_id, synced_at, previous_mark }: AdvanceErpShipmentsMarkStepInput, { container }) => {
    await container
      .resolve<ErpModuleService>(ERP_MODULE)
      .updateErpConnections({ id: connection_id, shipments_synced_at: new Date(synced_at) })
    return new StepResponse(undefined, { connection_id, previous_mark })
  },
  async (before, { container }) => {
    if (!before) return
    await container.resolve<ErpModuleService>(ERP_MODULE).updateErpConnections({
      id: before.connection_id,
      shipments_synced_at: before.previous_mark ? new Date(before.previous_mark) : null,
    })
  }
)
