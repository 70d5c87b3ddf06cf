import { createOrderShipmentWorkflow } from "@medusajs/medusa/core-flows"
import { createWorkflow, transform, when, WorkflowResponse } from "@medusajs/framework/workflows-sdk"
import type { Shipment } from "../../../connectors"
import {
  shippedLineItems,
  type RecordedShipment,
  type ShipmentSource,
} from "../../modules/erp/lib/sync/shipment-fulfillment"
import { claimErpShipmentStep } from "./steps/claim-erp-shipment"
import { findRecordedErpShipmentStep } from "./steps/find-recorded-erp-shipment"
import { matchErpShipmentFulfillmentStep } from "./steps/match-erp-shipment-fulfillment"

export type RecordErpShipmentWorkflowInput = {
  source: ShipmentSource
  shipment: Shipment
  /** The fulfillment the ERP named, if it did. */
  fulfillment_id?: string
}

/**
 * Records a shipment an ERP reported on the Medusa fulfillment it belongs to:
 * its tracking numbers become the fulfillment's labels and the fulfillment is
 * marked shipped, through Medusa's own `createOrderShipmentWorkflow` (so the
 * order's shipped quantities and `shipment.created` follow).
 *
 * The fulfillment is the one named, or else the oldest open ERP fulfillment
 * of the order whose items cover the shipment's lines. Idempotent per
 * (source, ERP shipment id): a shipment reported again answers `created:
 * false` with the fulfillment it was recorded on. The claim is the record:
 * if Medusa's shipment fails, its compensation releases the claim so the
 * next report tries again. Used by `POST /erp/fulfillments` and the
 * `erp-shipments-poll` job.
 *
 * @example
 * const { result } = await recordErpShipmentWorkflow(container).run({
 *   input: { source: { type: "pull_client", id: "erpcl_…" }, shipment },
 * })
 */
export const recordErpShipmentWorkflow = createWorkflow(
  "record-erp-shipment-workflow",
  (input: RecordErpShipmentWorkflowInput) => {
    const recorded = findRecordedErpShipmentStep(input)
    const fulfillment = when("match-unrecorded-erp-shipment", { recorded }, ({ recorded }) => !recorded).then(() =>
      matchErpShipmentFulfillmentStep(input)
    )
    const claim = when("claim-matched-erp-shipment", { fulfillment }, ({ fulfillment }) => !!fulfillment).then(() =>
      claimErpShipmentStep(
        transform({ input, fulfillment }, ({ input, fulfillment }) => ({
          source: input.source,
          shipment: input.shipment,
          fulfillment_id: fulfillment!.id,
        }))
      )
    )
    when("ship-claimed-erp-shipment", { claim }, ({ claim }) => !!claim?.created).then(() =>
      createOrderShipmentWorkflow.runAsStep({
        input: transform({ input, fulfillment }, ({ input, fulfillment }) => ({
          order_id: input.shipment.order_id,
          fulfillment_id: fulfillment!.id,
          items: shippedLineItems(fulfillment!),
          labels: input.shipment.tracking_numbers.map((tracking_number) => ({
            tracking_number,
            tracking_url: "",
            label_url: "",
          })),
          metadata: {
            erp_shipment_id: input.shipment.erp_id,
            ...(input.shipment.carrier ? { carrier: input.shipment.carrier } : {}),
          },
        })),
      })
    )
    const result = transform({ input, recorded, claim }, ({ input, recorded, claim }): RecordedShipment => {
      if (recorded) return recorded
      return {
        order_id: input.shipment.order_id,
        fulfillment_id: claim!.fulfillment_id,
        created: claim!.created,
        tracking_numbers: input.shipment.tracking_numbers,
      }
    })
    return new WorkflowResponse(result)
  }
)
