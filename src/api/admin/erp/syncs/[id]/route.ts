import type { MedusaRequest, MedusaResponse } from "@medusajs/framework/http"
import { ContainerRegistrationKeys } from "@medusajs/framework/utils"
import { getErpSync } from "../../helpers"

/** GET /admin/erp/syncs/:id — one sync with every attempt (outcome, HTTP status, duration, error). */
export async function GET(req: MedusaRequest, res: MedusaResponse) {
  res.json({ sync: await getErpSync(req.scope.resolve(ContainerRegistrationKeys.PG_CONNECTION), req.params.id) })
}
