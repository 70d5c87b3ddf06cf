import type { MedusaRequest, MedusaResponse } from "@medusajs/framework/http"
import { partnerOf } from "../../utils/partner-request"
import { listDeliveries } from "../../utils/webhook-actions"

/**
 * GET /partners/deliveries — newest first. Filters: endpoint_id, status,
 * event_type, event_id, since, until; `limit` (≤ 200) and `cursor`
 * (the previous page's `next_cursor`).
 */
export async function GET(req: MedusaRequest, res: MedusaResponse) {
  await listDeliveries(req, res, partnerOf(req).id)
}
