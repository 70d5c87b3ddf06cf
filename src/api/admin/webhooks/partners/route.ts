import type { MedusaRequest, MedusaResponse } from "@medusajs/framework/http"
import { OUTBOX_MODULE } from "../../../../modules/outbox"
import { partnerView } from "../../../../modules/outbox/lib/views"
import { PARTNER_SCOPES } from "../../../../modules/outbox/models/partner"
import type OutboxModuleService from "../../../../modules/outbox/service"
import { createPartnerWorkflow } from "../../../../workflows/outbox/create-partner"
import type { AdminCreatePartnerType } from "../validators"

/** GET /admin/webhooks/partners */
export async function GET(req: MedusaRequest, res: MedusaResponse) {
  const hub = req.scope.resolve<OutboxModuleService>(OUTBOX_MODULE)
  const rows = await hub.listPartnerRows()
  res.json({ partners: rows.map((r) => partnerView(r, PARTNER_SCOPES)) })
}

/** POST /admin/webhooks/partners — a partner with client credentials; `client_secret` is shown only in this response. */
export async function POST(req: MedusaRequest<AdminCreatePartnerType>, res: MedusaResponse) {
  const { result } = await createPartnerWorkflow(req.scope).run({ input: req.validatedBody })
  const { partner, client_secret } = result
  res.status(201).json({ partner: partnerView(partner, PARTNER_SCOPES), client_id: partner.client_id, client_secret })
}
