import type { MedusaRequest, MedusaResponse } from "@medusajs/framework/http"
import { MedusaError } from "@medusajs/framework/utils"
import { OUTBOX_MODULE } from "../../../../../modules/outbox"
import { endpointView, partnerView } from "../../../../../modules/outbox/lib/views"
import { PARTNER_SCOPES } from "../../../../../modules/outbox/models/partner"
import type OutboxModuleService from "../../../../../modules/outbox/service"
import { deletePartnerWorkflow } from "../../../../../workflows/outbox/delete-partner"
import { updatePartnerWorkflow } from "../../../../../workflows/outbox/update-partner"
import type { AdminUpdatePartnerType } from "../../validators"

/** GET /admin/webhooks/partners/:id — the partner and its endpoints. */
export async function GET(req: MedusaRequest, res: MedusaResponse) {
  const hub = req.scope.resolve<OutboxModuleService>(OUTBOX_MODULE)
  const partner = await hub.partnerRow(req.params.id)
  if (!partner) throw new MedusaError(MedusaError.Types.NOT_FOUND, `Partner ${req.params.id} was not found`)
  const endpoints = await hub.listEndpointRows({ partner_id: partner.id })
  res.json({ partner: { ...partnerView(partner, PARTNER_SCOPES), endpoints: endpoints.map(endpointView) } })
}

/** POST /admin/webhooks/partners/:id — name, scopes, `revoked`. */
export async function POST(req: MedusaRequest<AdminUpdatePartnerType>, res: MedusaResponse) {
  const { result } = await updatePartnerWorkflow(req.scope).run({
    input: { id: req.params.id, update: req.validatedBody },
  })
  res.json({ partner: partnerView(result, PARTNER_SCOPES) })
}

/** DELETE /admin/webhooks/partners/:id — revokes the credentials and deletes the endpoints (pending deliveries canceled). */
export async function DELETE(req: MedusaRequest, res: MedusaResponse) {
  await deletePartnerWorkflow(req.scope).run({ input: { id: req.params.id } })
  res.json({ id: req.params.id, object: "partner", deleted: true })
}
