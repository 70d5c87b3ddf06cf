import { MedusaError } from "@medusajs/framework/utils"
import { createStep, StepResponse } from "@medusajs/framework/workflows-sdk"
import type { Shipment } from "../../../../connectors"
import { ERP_MODULE } from "../../../modules/erp"
import type ErpModuleService from "../../../modules/erp/service"

export const readErpShipmentsStepId = "read-erp-shipments-step"

/** A connection polled for the first time looks this far back. */
const FIRST_POLL_LOOKBACK_MS = 7 * 86_400_000

export type ReadErpShipmentsStepInput = {
  connection_id: string
}

export type ReadErpShipmentsStepOutput = {
  connection: { id: string; name: string }
  /** When this read started: the connection's next high-water mark. */
  started_at: string
  /** The high-water mark the read started from (null before the first poll). */
  previous_mark: string | null
  shipments: Shipment[]
}

/**
 * Reads the shipments the connection's ERP posted since its last complete
 * poll (reads overlap: ERPs filter by day). A read from the ERP, so nothing
 * to compensate.
 */
export const readErpShipmentsStep = createStep(
  readErpShipmentsStepId,
  async ({ connection_id }: ReadErpShipmentsStepInput, { container }) => {
    const erp = container.resolve<ErpModuleService>(ERP_MODULE)
    const connection = await erp.loadConnection(connection_id)
    if (!connection) throw new MedusaError(MedusaError.Types.NOT_FOUND, `ERP connection ${connection_id} not found`)
    const startedAt = new Date()
    const since = connection.shipments_synced_at ?? new Date(startedAt.getTime() - FIRST_POLL_LOOKBACK_MS)
    const shipments = await erp.connectorFor(connection).readShipments(since)
    const output: ReadErpShipmentsStepOutput = {
      connection: { id: connection.id, name: connection.name },
      started_at: startedAt.toISOString(),
      previous_mark: connection.shipments_synced_at ? new Date(connection.shipments_synced_at).toISOString() : null,
      shipments,
    }
    return new StepResponse(output)
  }
)
