import type { MedusaRequest, MedusaResponse } from "@medusajs/framework/http"
import { sendWebhookTestWorkflow } from "../../../../../../workflows/outbox/send-webhook-test"

/** POST /admin/webhooks/endpoints/:id/test — a `webhook.test` event for this endpoint only. */
export async function POST(req: MedusaRequest, res: MedusaResponse) {
  const { result } = await sendWebhookTestWorkflow(req.scope).run({ input: { id: req.params.id } })
  res.status(202).json({ event_id: result.event_id, delivery_id: result.delivery_id })
}
