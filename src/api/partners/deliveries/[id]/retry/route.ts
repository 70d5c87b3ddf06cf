import type { MedusaRequest, MedusaResponse } from "@medusajs/framework/http"
import { deliveryView } from "../../../../../modules/outbox/lib/views"
import { retryWebhookDeliveryWorkflow } from "../../../../../workflows/outbox/retry-webhook-delivery"
import { partnerOf } from "../../../../utils/partner-request"

/** POST /partners/deliveries/:id/retry — sends it again now (a finished one with a fresh retry schedule; same webhook-id). */
export async function POST(req: MedusaRequest, res: MedusaResponse) {
  const { result } = await retryWebhookDeliveryWorkflow(req.scope).run({
    input: { id: req.params.id, partner_id: partnerOf(req).id },
  })
  res.status(202).json({ delivery: deliveryView(result) })
}
