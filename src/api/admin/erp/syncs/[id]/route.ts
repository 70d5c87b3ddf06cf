import type { MedusaRequest, MedusaResponse } from "@medusajs/framework/http"
import { getErpSync } from "../../erp-syncs"

/** GET /admin/erp/syncs/:id — one sync with every attempt (outcome, HTTP status, duration, error). */
export async function GET(req: MedusaRequest, res: MedusaResponse) {
  res.json({ sync: await getErpSync(req.scope, req.params.id) })
}
