import { createStep, StepResponse } from "@medusajs/framework/workflows-sdk"
import type { Shipment } from "../../../../connectors"
import { ERP_MODULE } from "../../../modules/erp"
import type ErpModuleService from "../../../modules/erp/service"
import type { ShipmentSource } from "../../../modules/erp/lib/sync/shipment-fulfillment"

export const claimErpShipmentStepId = "claim-erp-shipment-step"

export type ClaimErpShipmentStepInput = {
  source: ShipmentSource
  shipment: Shipment
  /** The fulfillment it will be recorded on. */
  fulfillment_id: string
}

/**
 * Claims (source, ERP shipment id) for recording, so two reports of one
 * shipment record it once: `created` is false when another report got there
 * first (its fulfillment id is returned). Compensation releases a claim this
 * run made, so the next report of the shipment tries again.
 */
export const claimErpShipmentStep = createStep(
  claimErpShipmentStepId,
  async ({ source, shipment, fulfillment_id }: ClaimErpShipmentStepInput, { container }) => {
    const erp = container.resolve<ErpModuleService>(ERP_MODULE)
    const claim = await erp.claimShipment({
      source_type: source.type,
      source_id: source.id,
      erp_id: shipment.erp_id,
      order_id: shipment.order_id,
      fulfillment_id,
      tracking_numbers: shipment.tracking_numbers,
      carrier: shipment.carrier ?? null,
      shipped_at: shipment.shipped_at ? new Date(shipment.shipped_at) : null,
    })
    const release = claim.created ? { source_type: source.type, source_id: source.id, erp_id: shipment.erp_id } : null
    return new StepResponse(claim, release)
  },
  async (release, { container }) => {
    if (!release) return
    await container.resolve<ErpModuleService>(ERP_MODULE).releaseShipment(release)
  }
)
