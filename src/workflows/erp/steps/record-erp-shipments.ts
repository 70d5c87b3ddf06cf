import { ContainerRegistrationKeys, MedusaError } from "@medusajs/framework/utils"
import { createStep, StepResponse } from "@medusajs/framework/workflows-sdk"
import type { Shipment } from "../../../../connectors"
import { describeError } from "../../../lib/errors/describe-error"
import { recordErpShipmentWorkflow } from "../record-erp-shipment"

export const recordErpShipmentsStepId = "record-erp-shipments-step"

export type RecordErpShipmentsStepInput = {
  connection: { id: string; name: string }
  shipments: Shipment[]
}

export type RecordErpShipmentsStepOutput = {
  /** Shipments recorded by this run. */
  recorded: number
  /** Shipments that are not the hub's to record (see below). */
  unmatched: number
  /** True when every shipment was recorded, was recorded before, or is not the hub's: the mark may move. */
  complete: boolean
}

/**
 * Records each shipment a connection reported, one
 * `recordErpShipmentWorkflow` run per shipment, so one that fails does not
 * hold back the others. Not compensated: each shipment's run undoes its own
 * work when it fails, and one that succeeded is a real shipment in Medusa.
 */
export const recordErpShipmentsStep = createStep(
  recordErpShipmentsStepId,
  async ({ connection, shipments }: RecordErpShipmentsStepInput, { container }) => {
    const logger = container.resolve(ContainerRegistrationKeys.LOGGER)
    const output: RecordErpShipmentsStepOutput = { recorded: 0, unmatched: 0, complete: true }
    for (const shipment of shipments) {
      try {
        const { result } = await recordErpShipmentWorkflow(container).run({
          input: { source: { type: "connection", id: connection.id }, shipment },
        })
        if (result.created) output.recorded++
      } catch (e) {
        const message = describeError(e)
        if (notOursToRecord(e)) {
          // An order or fulfillment the hub did not send to this ERP, or one already
          // shipped or canceled in Medusa. Reading it again would not change that.
          output.unmatched++
          logger.warn(
            `erp shipments: ${connection.name} shipment ${shipment.erp_id} of order ${shipment.order_id} skipped: ${message}`
          )
        } else {
          // Anything else (Postgres, a workflow failure) may pass: keep the mark, read it again next time.
          output.complete = false
          logger.warn(`erp shipments: ${connection.name} shipment ${shipment.erp_id} not recorded yet: ${message}`)
        }
      }
    }
    return new StepResponse(output)
  }
)

function notOursToRecord(e: unknown): boolean {
  return (
    MedusaError.isMedusaError(e) && (e.type === MedusaError.Types.NOT_FOUND || e.type === MedusaError.Types.NOT_ALLOWED)
  )
}
