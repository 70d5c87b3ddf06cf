import type { MedusaRequest, MedusaResponse } from "@medusajs/framework/http"
import { OUTBOX_MODULE } from "../../../../../modules/outbox"
import { endpointView } from "../../../../../modules/outbox/lib/views"
import type OutboxModuleService from "../../../../../modules/outbox/service"
import { deleteWebhookEndpointWorkflow } from "../../../../../workflows/outbox/delete-webhook-endpoint"
import { updateWebhookEndpointWorkflow } from "../../../../../workflows/outbox/update-webhook-endpoint"
import type { UpdateEndpointType } from "../../../../utils/webhook-validators"

/** GET /admin/webhooks/endpoints/:id — with its health (latest deliveries, breaker). */
export async function GET(req: MedusaRequest, res: MedusaResponse) {
  const hub = req.scope.resolve<OutboxModuleService>(OUTBOX_MODULE)
  const endpoint = await hub.endpointRow(req.params.id)
  const health = await hub.endpointHealth([endpoint.id])
  res.json({ endpoint: { ...endpointView(endpoint), health: health.get(endpoint.id) } })
}

/** POST /admin/webhooks/endpoints/:id — as the partner API; `enabled` disables or re-enables. */
export async function POST(req: MedusaRequest<UpdateEndpointType>, res: MedusaResponse) {
  const { result } = await updateWebhookEndpointWorkflow(req.scope).run({
    input: { id: req.params.id, update: req.validatedBody },
  })
  res.json({ endpoint: endpointView(result) })
}

/** DELETE /admin/webhooks/endpoints/:id — its pending deliveries are canceled. */
export async function DELETE(req: MedusaRequest, res: MedusaResponse) {
  await deleteWebhookEndpointWorkflow(req.scope).run({ input: { id: req.params.id } })
  res.json({ id: req.params.id, object: "webhook_endpoint", deleted: true })
}
