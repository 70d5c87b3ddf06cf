import type { MedusaRequest, MedusaResponse } from "@medusajs/framework/http"
import { OUTBOX_MODULE } from "../../../../modules/outbox"
import { deliveryDetailView } from "../../../../modules/outbox/lib/views"
import type OutboxModuleService from "../../../../modules/outbox/service"
import { partnerOf } from "../../../utils/partner-request"

/** GET /partners/deliveries/:id — the delivery, its attempts (status, duration, response start, error) and the payload. */
export async function GET(req: MedusaRequest, res: MedusaResponse) {
  const hub = req.scope.resolve<OutboxModuleService>(OUTBOX_MODULE)
  res.json(deliveryDetailView(await hub.deliveryDetail(req.params.id, partnerOf(req).id)))
}
