import type { MedusaRequest, MedusaResponse } from "@medusajs/framework/http"
import { sendWebhookTestWorkflow } from "../../../../../workflows/outbox/send-webhook-test"
import { partnerOf } from "../../../../utils/partner-request"

/** POST /partners/endpoints/:id/test — sends a signed `webhook.test` event to this endpoint only. */
export async function POST(req: MedusaRequest, res: MedusaResponse) {
  const { result } = await sendWebhookTestWorkflow(req.scope).run({
    input: { id: req.params.id, partner_id: partnerOf(req).id },
  })
  res.status(202).json({ event_id: result.event_id, delivery_id: result.delivery_id })
}
