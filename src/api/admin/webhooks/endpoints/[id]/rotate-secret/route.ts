import type { MedusaRequest, MedusaResponse } from "@medusajs/framework/http"
import { endpointView } from "../../../../../../modules/outbox/lib/views"
import { rotateWebhookEndpointSecretWorkflow } from "../../../../../../workflows/outbox/rotate-webhook-endpoint-secret"
import type { RotateSecretType } from "../../../../../utils/webhook-validators"

/** POST /admin/webhooks/endpoints/:id/rotate-secret — a new secret, shown once; the old one signs for the grace period. */
export async function POST(req: MedusaRequest<RotateSecretType>, res: MedusaResponse) {
  const { result } = await rotateWebhookEndpointSecretWorkflow(req.scope).run({
    input: { id: req.params.id, grace_period_ms: req.validatedBody.grace_period_ms },
  })
  res.json({ endpoint: endpointView(result.endpoint), secret: result.secret })
}
