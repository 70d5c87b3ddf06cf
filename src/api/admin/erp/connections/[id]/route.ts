import type { MedusaRequest, MedusaResponse } from "@medusajs/framework/http"
import { ERP_MODULE } from "../../../../../modules/erp"
import type ErpModuleService from "../../../../../modules/erp/service"
import { removeErpConnectionWorkflow } from "../../../../../workflows/erp/remove-erp-connection"
import { updateErpConnectionWorkflow } from "../../../../../workflows/erp/update-erp-connection"
import { toAdminConnection } from "../../views"
import type { AdminUpdateErpConnectionType } from "../../validators"

export async function GET(req: MedusaRequest, res: MedusaResponse) {
  const erp = req.scope.resolve<ErpModuleService>(ERP_MODULE)
  res.json({ connection: toAdminConnection(await erp.retrieveErpConnection(req.params.id)) })
}

/**
 * POST /admin/erp/connections/:id — changes a connection. `settings`
 * replaces the stored settings; `credentials` (write-only) replaces the
 * stored ones, `null` removes them. The next sync uses the new values.
 */
export async function POST(req: MedusaRequest<AdminUpdateErpConnectionType>, res: MedusaResponse) {
  const { result } = await updateErpConnectionWorkflow(req.scope).run({
    input: { ...req.validatedBody, id: req.params.id },
  })
  res.json({ connection: toAdminConnection(result) })
}

/**
 * DELETE /admin/erp/connections/:id — removes a connection; its pending
 * syncs are canceled (the delivery log stays).
 */
export async function DELETE(req: MedusaRequest, res: MedusaResponse) {
  await removeErpConnectionWorkflow(req.scope).run({ input: { id: req.params.id } })
  res.json({ id: req.params.id, object: "erp_connection", deleted: true })
}
