import { ContainerRegistrationKeys, MedusaError } from "@medusajs/framework/utils"
import { createStep, StepResponse } from "@medusajs/framework/workflows-sdk"
import type { Shipment } from "../../../../connectors"
import { matchFulfillment, type OrderFulfillment } from "../../../modules/erp/lib/sync/shipment-fulfillment"

export const matchErpShipmentFulfillmentStepId = "match-erp-shipment-fulfillment-step"

export type MatchErpShipmentFulfillmentStepInput = {
  shipment: Shipment
  /** The fulfillment the ERP named; default: the order's oldest open ERP fulfillment covering the lines. */
  fulfillment_id?: string
}

/**
 * The Medusa fulfillment a reported shipment ships: 404 when there is none
 * (unknown order, or no open ERP fulfillment covering its lines), 400 (not
 * allowed) when it is canceled or already shipped. Read-only, so nothing to
 * compensate.
 */
export const matchErpShipmentFulfillmentStep = createStep(
  matchErpShipmentFulfillmentStepId,
  async ({ shipment, fulfillment_id }: MatchErpShipmentFulfillmentStepInput, { container }) => {
    const query = container.resolve(ContainerRegistrationKeys.QUERY)
    const { data } = await query.graph({
      entity: "order",
      fields: [
        "id",
        "fulfillments.id",
        "fulfillments.provider_id",
        "fulfillments.shipped_at",
        "fulfillments.canceled_at",
        "fulfillments.created_at",
        "fulfillments.items.line_item_id",
        "fulfillments.items.sku",
        "fulfillments.items.quantity",
      ],
      filters: { id: shipment.order_id },
    })
    if (!data[0]) throw new MedusaError(MedusaError.Types.NOT_FOUND, `Order ${shipment.order_id} not found`)
    // Query's result type does not follow nested field paths; these are the fields asked for above.
    const fulfillments = ((data[0] as { fulfillments?: (OrderFulfillment | null)[] }).fulfillments ?? []).filter(
      (f): f is OrderFulfillment => !!f
    )
    const fulfillment = fulfillment_id
      ? fulfillments.find((f) => f.id === fulfillment_id)
      : matchFulfillment(fulfillments, shipment)
    if (!fulfillment) {
      throw new MedusaError(
        MedusaError.Types.NOT_FOUND,
        fulfillment_id
          ? `Fulfillment ${fulfillment_id} of order ${shipment.order_id} not found`
          : `Order ${shipment.order_id} has no open ERP fulfillment for shipment ${shipment.erp_id}`
      )
    }
    if (fulfillment.canceled_at)
      throw new MedusaError(MedusaError.Types.NOT_ALLOWED, `Fulfillment ${fulfillment.id} is canceled`)
    if (fulfillment.shipped_at)
      throw new MedusaError(MedusaError.Types.NOT_ALLOWED, `Fulfillment ${fulfillment.id} has already shipped`)
    return new StepResponse(fulfillment)
  }
)
