import type { MedusaRequest, MedusaResponse } from "@medusajs/framework/http"
import { ERP_MODULE } from "../../../../modules/erp"
import type ErpModuleService from "../../../../modules/erp/service"
import { createErpConnectionWorkflow } from "../../../../workflows/erp/create-erp-connection"
import { toAdminConnection } from "../views"
import type { AdminCreateErpConnectionType } from "../validators"

/** GET /admin/erp/connections — every connection (credentials never included). */
export async function GET(req: MedusaRequest, res: MedusaResponse) {
  const erp = req.scope.resolve<ErpModuleService>(ERP_MODULE)
  const connections = await erp.listErpConnections({}, { order: { created_at: "ASC" } })
  res.json({ connections: connections.map(toAdminConnection) })
}

/**
 * POST /admin/erp/connections — a new ERP connection. The settings and
 * credentials are checked by building the adapter (400 naming what is
 * missing); credentials are encrypted at rest and never returned.
 */
export async function POST(req: MedusaRequest<AdminCreateErpConnectionType>, res: MedusaResponse) {
  const { result } = await createErpConnectionWorkflow(req.scope).run({ input: req.validatedBody })
  res.status(201).json({ connection: toAdminConnection(result) })
}
