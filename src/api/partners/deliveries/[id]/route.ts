import type { MedusaRequest, MedusaResponse } from "@medusajs/framework/http"
import { partnerOf } from "../../lib/partner-request"
import { getDelivery } from "../../lib/webhook-actions"

/** GET /partners/deliveries/:id — the delivery, its attempts (status, duration, response start, error) and the payload. */
export async function GET(req: MedusaRequest, res: MedusaResponse) {
  await getDelivery(req, res, partnerOf(req).id)
}
