import { createStep, StepResponse } from "@medusajs/framework/workflows-sdk"
import type { Shipment } from "../../../../connectors"
import { ERP_MODULE } from "../../../modules/erp"
import type ErpModuleService from "../../../modules/erp/service"
import type { RecordedShipment, ShipmentSource } from "../../../modules/erp/lib/sync/shipment-fulfillment"

export const findRecordedErpShipmentStepId = "find-recorded-erp-shipment-step"

export type FindRecordedErpShipmentStepInput = {
  source: ShipmentSource
  shipment: Pick<Shipment, "erp_id">
}

/**
 * The shipment as it was recorded, when this source already reported it
 * (`created: false`), else null. Read-only, so nothing to compensate.
 */
export const findRecordedErpShipmentStep = createStep(
  findRecordedErpShipmentStepId,
  async ({ source, shipment }: FindRecordedErpShipmentStepInput, { container }) => {
    const [seen] = await container
      .resolve<ErpModuleService>(ERP_MODULE)
      .listErpShipments({ source_type: source.type, source_id: source.id, erp_id: shipment.erp_id })
    const recorded: RecordedShipment | null = seen
      ? {
          order_id: seen.order_id,
          fulfillment_id: seen.fulfillment_id,
          created: false,
          tracking_numbers: seen.tracking_numbers,
        }
      : null
    return new StepResponse(recorded)
  }
)
