import type { MedusaRequest, MedusaResponse } from "@medusajs/framework/http"
import { OUTBOX_MODULE } from "../../../modules/outbox"
import { endpointView } from "../../../modules/outbox/lib/views"
import type OutboxModuleService from "../../../modules/outbox/service"
import { createWebhookEndpointWorkflow } from "../../../workflows/outbox/create-webhook-endpoint"
import { partnerOf } from "../../utils/partner-request"
import type { CreateEndpointType } from "../../utils/webhook-validators"

/** GET /partners/endpoints — the caller's endpoints. */
export async function GET(req: MedusaRequest, res: MedusaResponse) {
  const hub = req.scope.resolve<OutboxModuleService>(OUTBOX_MODULE)
  const endpoints = await hub.listEndpointRows({ partner_id: partnerOf(req).id })
  res.json({ endpoints: endpoints.map(endpointView) })
}

/** POST /partners/endpoints — subscribes a URL (vetted against SSRF) to event types; returns its signing secret once. */
export async function POST(req: MedusaRequest<CreateEndpointType>, res: MedusaResponse) {
  const { result } = await createWebhookEndpointWorkflow(req.scope).run({
    input: { partner_id: partnerOf(req).id, endpoint: req.validatedBody },
  })
  res.status(201).json({ endpoint: endpointView(result.endpoint), secret: result.secret })
}
