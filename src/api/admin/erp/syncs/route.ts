import type { MedusaRequest, MedusaResponse } from "@medusajs/framework/http"
import { listErpSyncs } from "../erp-syncs"
import type { AdminListErpSyncsType } from "../validators"

/** GET /admin/erp/syncs?status=&connection_id=&order_id=&limit=&offset= — ERP syncs, newest first (e.g. every failed one). */
export async function GET(req: MedusaRequest, res: MedusaResponse) {
  const q = req.validatedQuery as unknown as AdminListErpSyncsType
  const { syncs, count } = await listErpSyncs(req.scope, q, { limit: q.limit, offset: q.offset })
  res.json({ syncs, count, limit: q.limit, offset: q.offset })
}
