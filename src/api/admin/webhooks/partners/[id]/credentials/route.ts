import type { MedusaRequest, MedusaResponse } from "@medusajs/framework/http"
import { partnerView } from "../../../../../../modules/outbox/lib/views"
import { PARTNER_SCOPES } from "../../../../../../modules/outbox/models/partner"
import { issuePartnerCredentialsWorkflow } from "../../../../../../workflows/outbox/issue-partner-credentials"

/** POST /admin/webhooks/partners/:id/credentials — a new client secret, shown only here; the old one stops working. */
export async function POST(req: MedusaRequest, res: MedusaResponse) {
  const { result } = await issuePartnerCredentialsWorkflow(req.scope).run({ input: { id: req.params.id } })
  const { partner, client_secret } = result
  res.json({ partner: partnerView(partner, PARTNER_SCOPES), client_id: partner.client_id, client_secret })
}
