import type { MedusaRequest, MedusaResponse } from "@medusajs/framework/http"
import { ContainerRegistrationKeys } from "@medusajs/framework/utils"
import { listErpSyncs } from "../helpers"
import type { AdminListErpSyncsType } from "../validators"

/** GET /admin/erp/syncs?status=&connection_id=&order_id=&limit=&offset= — ERP syncs, newest first (e.g. every failed one). */
export async function GET(req: MedusaRequest, res: MedusaResponse) {
  const q = req.validatedQuery as unknown as AdminListErpSyncsType
  const { syncs, count } = await listErpSyncs(req.scope.resolve(ContainerRegistrationKeys.PG_CONNECTION), q, {
    limit: q.limit,
    offset: q.offset,
  })
  res.json({ syncs, count, limit: q.limit, offset: q.offset })
}
