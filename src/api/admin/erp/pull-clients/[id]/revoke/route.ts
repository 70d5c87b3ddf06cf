import type { MedusaRequest, MedusaResponse } from "@medusajs/framework/http"
import { ERP_MODULE } from "../../../../../../modules/erp"
import type ErpModuleService from "../../../../../../modules/erp/service"
import { toAdminPullClient } from "../../../helpers"

/**
 * POST /admin/erp/pull-clients/:id/revoke — the client can no longer get
 * tokens, and tokens it holds stop working at their next call (every call
 * checks the client). Revoking twice is a no-op.
 */
export async function POST(req: MedusaRequest, res: MedusaResponse) {
  const erp = req.scope.resolve<ErpModuleService>(ERP_MODULE)
  const client = await erp.retrieveErpPullClient(req.params.id)
  const revoked = client.revoked_at ? client : await erp.updateErpPullClients({ id: client.id, revoked_at: new Date() })
  res.json({ pull_client: toAdminPullClient(revoked) })
}
