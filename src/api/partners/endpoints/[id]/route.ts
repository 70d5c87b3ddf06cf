import type { MedusaRequest, MedusaResponse } from "@medusajs/framework/http"
import { OUTBOX_MODULE } from "../../../../modules/outbox"
import { endpointView } from "../../../../modules/outbox/lib/views"
import type OutboxModuleService from "../../../../modules/outbox/service"
import { deleteWebhookEndpointWorkflow } from "../../../../workflows/outbox/delete-webhook-endpoint"
import { updateWebhookEndpointWorkflow } from "../../../../workflows/outbox/update-webhook-endpoint"
import { partnerOf } from "../../../utils/partner-request"
import type { UpdateEndpointType } from "../../../utils/webhook-validators"

/** GET /partners/endpoints/:id */
export async function GET(req: MedusaRequest, res: MedusaResponse) {
  const hub = req.scope.resolve<OutboxModuleService>(OUTBOX_MODULE)
  res.json({ endpoint: endpointView(await hub.endpointRow(req.params.id, partnerOf(req).id)) })
}

/** POST /partners/endpoints/:id — url, event types, headers, limits; `enabled` disables or re-enables. */
export async function POST(req: MedusaRequest<UpdateEndpointType>, res: MedusaResponse) {
  const { result } = await updateWebhookEndpointWorkflow(req.scope).run({
    input: { id: req.params.id, partner_id: partnerOf(req).id, update: req.validatedBody },
  })
  res.json({ endpoint: endpointView(result) })
}

/** DELETE /partners/endpoints/:id — its pending deliveries are canceled. */
export async function DELETE(req: MedusaRequest, res: MedusaResponse) {
  await deleteWebhookEndpointWorkflow(req.scope).run({ input: { id: req.params.id, partner_id: partnerOf(req).id } })
  res.json({ id: req.params.id, object: "webhook_endpoint", deleted: true })
}
