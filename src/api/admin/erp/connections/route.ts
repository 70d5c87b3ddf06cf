import type { MedusaRequest, MedusaResponse } from "@medusajs/framework/http"
import { ERP_MODULE } from "../../../../modules/erp"
import type ErpModuleService from "../../../../modules/erp/service"
import { createErpConnectionWorkflow } from "../../../../workflows/erp/create-erp-connection"
import { toAdminConnection } from "../views"
import type { AdminCreateErpConnectionType, AdminListErpConnectionsType } from "../validators"

/** GET /admin/erp/connections?limit=&offset= — connections, oldest first (credentials never included). */
export async function GET(req: MedusaRequest, res: MedusaResponse) {
  const { limit, offset } = req.validatedQuery as unknown as AdminListErpConnectionsType
  const erp = req.scope.resolve<ErpModuleService>(ERP_MODULE)
  const [connections, count] = await erp.listAndCountErpConnections(
    {},
    { order: { created_at: "ASC" }, take: limit, skip: offset }
  )
  res.json({ connections: connections.map(toAdminConnection), count, limit, offset })
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
