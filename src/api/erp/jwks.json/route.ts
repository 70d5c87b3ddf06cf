import type { MedusaRequest, MedusaResponse } from "@medusajs/framework/http"
import { ERP_MODULE } from "../../../modules/erp"
import type ErpModuleService from "../../../modules/erp/service"
import { getPublicJwks } from "../../../modules/erp/lib/tokens"

/** GET /erp/jwks.json — the public keys that verify the pull API's tokens. */
export async function GET(req: MedusaRequest, res: MedusaResponse) {
  const { keys } = await getPublicJwks(req.scope.resolve<ErpModuleService>(ERP_MODULE))
  res.setHeader("Cache-Control", "public, max-age=60")
  res.json({ keys })
}
