import type { MedusaRequest, MedusaResponse } from "@medusajs/framework/http"
import { OUTBOX_MODULE } from "../../../../modules/outbox"
import type OutboxModuleService from "../../../../modules/outbox/service"
import { PARTNER_SCOPES } from "../../../../modules/outbox/models/partner"
import { partnerView } from "../../../../modules/outbox/lib/views"
import type { AdminCreatePartnerType } from "../validators"

/** GET /admin/webhooks/partners */
export async function GET(req: MedusaRequest, res: MedusaResponse) {
  const hub = req.scope.resolve<OutboxModuleService>(OUTBOX_MODULE)
  const rows = await hub.listPartnerRows()
  res.json({ partners: rows.map((r) => partnerView(r, PARTNER_SCOPES)) })
}

/** POST /admin/webhooks/partners — a partner with client credentials; `client_secret` is shown only in this response. */
export async function POST(req: MedusaRequest<AdminCreatePartnerType>, res: MedusaResponse) {
  const hub = req.scope.resolve<OutboxModuleService>(OUTBOX_MODULE)
  const { partner, client_secret } = await hub.issuePartner(req.validatedBody)
  res.status(201).json({ partner: partnerView(partner, PARTNER_SCOPES), client_id: partner.client_id, client_secret })
}
