import type { MedusaResponse } from "@medusajs/framework/http"
import { ERP_MODULE } from "../../../modules/erp"
import type ErpModuleService from "../../../modules/erp/service"
import { grantsAllow } from "../../../modules/erp/lib/grants"
import { recordErpShipmentWorkflow } from "../../../workflows/erp/record-erp-shipment"
import type { ErpRequest } from "../../utils/erp-request"
import type { ErpReportShipmentType } from "./validators"

/**
 * POST /erp/fulfillments — a WMS/ERP reports a shipment: its tracking numbers
 * are recorded on the Medusa fulfillment, which is marked shipped. Answers
 * 201 the first time, 200 with `created: false` when the same `shipment_id`
 * is reported again; 404 for an order the client may not see.
 */
export async function POST(req: ErpRequest<ErpReportShipmentType>, res: MedusaResponse) {
  const body = req.validatedBody
  const erp = req.scope.resolve<ErpModuleService>(ERP_MODULE)
  const row = await erp.getOrderDocument(body.order_id)
  if (!row || !grantsAllow(req.erpClient.grants, row)) {
    res.status(404).json({ type: "not_found", message: `Order ${body.order_id} not found` })
    return
  }
  const { result: recorded } = await recordErpShipmentWorkflow(req.scope).run({
    input: {
      source: { type: "pull_client", id: req.erpClient.id },
      shipment: {
        erp_id: body.shipment_id,
        order_id: body.order_id,
        tracking_numbers: body.tracking_numbers,
        carrier: body.carrier,
        shipped_at: body.shipped_at,
        lines: body.lines,
      },
      fulfillment_id: body.fulfillment_id,
    },
  })
  res.status(recorded.created ? 201 : 200).json({ shipment: { id: body.shipment_id, ...recorded } })
}
