import type { MedusaRequest, MedusaResponse } from "@medusajs/framework/http"
import { OUTBOX_MODULE } from "../../../../../../modules/outbox"
import type OutboxModuleService from "../../../../../../modules/outbox/service"
import { PARTNER_SCOPES } from "../../../../../../modules/outbox/models/partner"
import { partnerView } from "../../../../../../modules/outbox/lib/views"

/** POST /admin/webhooks/partners/:id/credentials — a new client secret, shown only here; the old one stops working. */
export async function POST(req: MedusaRequest, res: MedusaResponse) {
  const hub = req.scope.resolve<OutboxModuleService>(OUTBOX_MODULE)
  const { partner, client_secret } = await hub.rotatePartnerSecret(req.params.id)
  res.json({ partner: partnerView(partner, PARTNER_SCOPES), client_id: partner.client_id, client_secret })
}
