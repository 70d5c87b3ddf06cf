import type { MedusaRequest, MedusaResponse } from "@medusajs/framework/http"
import { ERP_MODULE } from "../../../../../../modules/erp"
import type ErpModuleService from "../../../../../../modules/erp/service"
import { toAdminPullClient } from "../../../views"

/**
 * POST /admin/erp/pull-clients/:id/revoke — the client can no longer get
 * tokens, and tokens it holds stop working (at once on this server, within
 * 2 s on the others). Revoking twice is a no-op.
 */
export async function POST(req: MedusaRequest, res: MedusaResponse) {
  const erp = req.scope.resolve<ErpModuleService>(ERP_MODULE)
  res.json({ pull_client: toAdminPullClient(await erp.revokePullClient(req.params.id)) })
}
