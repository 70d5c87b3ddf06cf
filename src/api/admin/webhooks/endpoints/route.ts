import type { MedusaRequest, MedusaResponse } from "@medusajs/framework/http"
import { OUTBOX_MODULE } from "../../../../modules/outbox"
import { endpointView } from "../../../../modules/outbox/lib/views"
import type OutboxModuleService from "../../../../modules/outbox/service"
import { createWebhookEndpointWorkflow } from "../../../../workflows/outbox/create-webhook-endpoint"
import type { AdminCreateEndpointType, AdminListEndpointsType } from "../validators"

/** GET /admin/webhooks/endpoints — every partner's endpoints with their health; filters partner_id, enabled. */
export async function GET(req: MedusaRequest<unknown, AdminListEndpointsType>, res: MedusaResponse) {
  const { partner_id, enabled } = req.validatedQuery
  const hub = req.scope.resolve<OutboxModuleService>(OUTBOX_MODULE)
  const endpoints = await hub.listEndpointRows({ partner_id, enabled })
  const health = await hub.endpointHealth(endpoints.map((e) => e.id))
  res.json({ endpoints: endpoints.map((e) => ({ ...endpointView(e), health: health.get(e.id) })) })
}

/** POST /admin/webhooks/endpoints — an endpoint for `partner_id`; returns its signing secret once. */
export async function POST(req: MedusaRequest<AdminCreateEndpointType>, res: MedusaResponse) {
  const { partner_id, ...endpoint } = req.validatedBody
  const { result } = await createWebhookEndpointWorkflow(req.scope).run({ input: { partner_id, endpoint } })
  res.status(201).json({ endpoint: endpointView(result.endpoint), secret: result.secret })
}
