import type { MedusaRequest, MedusaResponse } from "@medusajs/framework/http"
import { recoverWebhookEndpointWorkflow } from "../../../../../../workflows/outbox/recover-webhook-endpoint"
import type { RecoverEndpointType } from "../../../../../utils/webhook-validators"

/** POST /admin/webhooks/endpoints/:id/recover {since, until?} — re-queues failed deliveries since `since` (idempotent). */
export async function POST(req: MedusaRequest<RecoverEndpointType>, res: MedusaResponse) {
  const { since, until } = req.validatedBody
  const { result } = await recoverWebhookEndpointWorkflow(req.scope).run({
    input: { endpoint_id: req.params.id, since: since.toISOString(), until: until?.toISOString() },
  })
  res.status(202).json({ endpoint_id: req.params.id, recovered: result.recovered })
}
