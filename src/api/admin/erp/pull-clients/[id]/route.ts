import type { MedusaRequest, MedusaResponse } from "@medusajs/framework/http"
import { ERP_MODULE } from "../../../../../modules/erp"
import type ErpModuleService from "../../../../../modules/erp/service"
import { toAdminPullClient } from "../../views"

export async function GET(req: MedusaRequest, res: MedusaResponse) {
  const erp = req.scope.resolve<ErpModuleService>(ERP_MODULE)
  res.json({ pull_client: toAdminPullClient(await erp.retrieveErpPullClient(req.params.id)) })
}
