import type { MedusaResponse } from "@medusajs/framework/http"
import { ERP_MODULE } from "../../../../modules/erp"
import type ErpModuleService from "../../../../modules/erp/service"
import { grantsAllow } from "../../../../modules/erp/lib/grants"
import type { ErpRequest } from "../../../utils/erp-request"

/** GET /erp/orders/:id — one order document; 404 when the client may not see it. */
export async function GET(req: ErpRequest, res: MedusaResponse) {
  const erp = req.scope.resolve<ErpModuleService>(ERP_MODULE)
  const row = await erp.getOrderDocument(req.params.id)
  if (!row || !grantsAllow(req.erpClient.grants, row)) {
    res.status(404).json({ type: "not_found", message: `Order ${req.params.id} not found` })
    return
  }
  res.setHeader("Content-Type", "application/json; charset=utf-8")
  res.send(`{"order":${row.json}}`)
}
