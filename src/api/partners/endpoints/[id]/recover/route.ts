import type { MedusaRequest, MedusaResponse } from "@medusajs/framework/http"
import { recoverWebhookEndpointWorkflow } from "../../../../../workflows/outbox/recover-webhook-endpoint"
import { partnerOf } from "../../../../utils/partner-request"
import type { RecoverEndpointType } from "../../../../utils/webhook-validators"

/**
 * POST /partners/endpoints/:id/recover {since, until?} — re-queues the
 * endpoint's failed deliveries created since `since`. Idempotent: a second
 * call finds them pending or delivered and re-queues nothing.
 */
export async function POST(req: MedusaRequest<RecoverEndpointType>, res: MedusaResponse) {
  const { since, until } = req.validatedBody
  const { result } = await recoverWebhookEndpointWorkflow(req.scope).run({
    input: {
      endpoint_id: req.params.id,
      partner_id: partnerOf(req).id,
      since: since.toISOString(),
      until: until?.toISOString(),
    },
  })
  res.status(202).json({ endpoint_id: req.params.id, recovered: result.recovered })
}
