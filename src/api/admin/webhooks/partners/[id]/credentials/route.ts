import type { MedusaRequest, MedusaResponse } from "@medusajs/framework/http"
import { HUB_MODULE } from "../../../../../../modules/hub"
import type HubModuleService from "../../../../../../modules/hub/service"
import { PARTNER_SCOPES } from "../../../../../../modules/hub/models/partner"
import { partnerView } from "../../../../../../modules/hub/lib/views"

/** POST /admin/webhooks/partners/:id/credentials — a new client secret, shown only here; the old one stops working. */
export async function POST(req: MedusaRequest, res: MedusaResponse) {
  const hub = req.scope.resolve<HubModuleService>(HUB_MODULE)
  const { partner, client_secret } = await hub.rotatePartnerSecret(req.params.id)
  res.json({ partner: partnerView(partner, PARTNER_SCOPES), client_id: partner.client_id, client_secret })
}
