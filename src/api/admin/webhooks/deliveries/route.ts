import type { MedusaRequest, MedusaResponse } from "@medusajs/framework/http"
import { listDeliveries } from "../../../utils/webhook-actions"
import type { AdminListDeliveriesType } from "../validators"

/** GET /admin/webhooks/deliveries — every partner's deliveries; the partner API's filters plus partner_id. */
export async function GET(req: MedusaRequest, res: MedusaResponse) {
  const { partner_id } = req.validatedQuery as unknown as AdminListDeliveriesType
  await listDeliveries(req, res, partner_id)
}
