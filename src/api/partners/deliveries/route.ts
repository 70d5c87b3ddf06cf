import type { MedusaRequest, MedusaResponse } from "@medusajs/framework/http"
import { partnerOf } from "../lib/partner-request"
import { listDeliveries } from "../lib/webhook-actions"

/**
 * GET /partners/deliveries — newest first. Filters: endpoint_id, status,
 * event_type, event_id, since, until; `limit` (≤ 200) and `cursor`
 * (the previous page's `next_cursor`).
 */
export async function GET(req: MedusaRequest, res: MedusaResponse) {
  await listDeliveries(req, res, partnerOf(req).id)
}
