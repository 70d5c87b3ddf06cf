import type { MedusaRequest, MedusaResponse } from "@medusajs/framework/http"
import { partnerOf } from "../../../utils/partner-request"
import { getDelivery } from "../../../utils/webhook-actions"

/** GET /partners/deliveries/:id — the delivery, its attempts (status, duration, response start, error) and the payload. */
export async function GET(req: MedusaRequest, res: MedusaResponse) {
  await getDelivery(req, res, partnerOf(req).id)
}
