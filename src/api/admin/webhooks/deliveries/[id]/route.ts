import type { MedusaRequest, MedusaResponse } from "@medusajs/framework/http"
import { getDelivery } from "../../../../utils/webhook-actions"

/** GET /admin/webhooks/deliveries/:id — with attempts and payload. */
export async function GET(req: MedusaRequest, res: MedusaResponse) {
  await getDelivery(req, res)
}
