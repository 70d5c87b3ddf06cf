import type { MedusaRequest, MedusaResponse } from "@medusajs/framework/http"
import { deliveryView } from "../../../../../../modules/outbox/lib/views"
import { retryWebhookDeliveryWorkflow } from "../../../../../../workflows/outbox/retry-webhook-delivery"

/** POST /admin/webhooks/deliveries/:id/retry */
export async function POST(req: MedusaRequest, res: MedusaResponse) {
  const { result } = await retryWebhookDeliveryWorkflow(req.scope).run({ input: { id: req.params.id } })
  res.status(202).json({ delivery: deliveryView(result) })
}
