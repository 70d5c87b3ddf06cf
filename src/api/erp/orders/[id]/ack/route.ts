import type { MedusaResponse } from "@medusajs/framework/http"
import { ERP_MODULE } from "../../../../../modules/erp"
import type ErpModuleService from "../../../../../modules/erp/service"
import { grantsAllow } from "../../../../../modules/erp/lib/grants"
import type { ErpRequest } from "../../../../utils/erp-request"
import type { ErpAckOrderType } from "../../validators"

/**
 * POST /erp/orders/:id/ack {erp_id} — the ERP recorded the order under its own
 * id. Idempotent: the same ack again answers 200 with `created: false`.
 */
export async function POST(req: ErpRequest<ErpAckOrderType>, res: MedusaResponse) {
  const erp = req.scope.resolve<ErpModuleService>(ERP_MODULE)
  const row = await erp.getOrderDocument(req.params.id)
  if (!row || !grantsAllow(req.erpClient.grants, row)) {
    res.status(404).json({ type: "not_found", message: `Order ${req.params.id} not found` })
    return
  }
  const { erp_id } = (req as unknown as { validatedBody: ErpAckOrderType }).validatedBody
  const { created } = await erp.acknowledgeOrder({ order_id: req.params.id, pull_client_id: req.erpClient.id, erp_id })
  res.status(created ? 201 : 200).json({ order_id: req.params.id, erp_id, created })
}
