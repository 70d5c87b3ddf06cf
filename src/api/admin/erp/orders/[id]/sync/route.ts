import type { MedusaRequest, MedusaResponse } from "@medusajs/framework/http"
import { listErpSyncs } from "../../../erp-syncs"

/**
 * GET /admin/erp/orders/:id/sync — where the order stands with each ERP
 * connection (the latest sync's status, attempts, last error, the ERP's id,
 * timestamps) and every sync made for it (one per order event).
 */
export async function GET(req: MedusaRequest, res: MedusaResponse) {
  const { syncs } = await listErpSyncs(req.scope, { order_id: req.params.id }, { limit: 200, offset: 0 })
  const latest = new Map<string, (typeof syncs)[number]>()
  for (const s of syncs) if (!latest.has(s.connection_id)) latest.set(s.connection_id, s)
  res.json({
    order_id: req.params.id,
    connections: [...latest.values()].map((s) => ({
      connection_id: s.connection_id,
      connection_name: s.connection_name,
      status: s.status,
      attempts: s.attempts,
      last_error: s.last_error,
      erp_id: s.erp_id,
      latest_sync_id: s.id,
      event_type: s.event_type,
      created_at: s.created_at,
      updated_at: s.updated_at,
      completed_at: s.completed_at,
      next_attempt_at: s.next_attempt_at,
    })),
    syncs,
  })
}
