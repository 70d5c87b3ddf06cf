import type { MedusaRequest, MedusaResponse } from "@medusajs/framework/http"
import { OUTBOX_MODULE } from "../../../modules/outbox"
import { deliveryPageView } from "../../../modules/outbox/lib/views"
import type OutboxModuleService from "../../../modules/outbox/service"
import { partnerOf } from "../../utils/partner-request"
import type { ListDeliveriesType } from "../../utils/webhook-validators"

/**
 * GET /partners/deliveries — newest first. Filters: endpoint_id, status,
 * event_type, event_id, since, until; `limit` (≤ 200) and `cursor`
 * (the previous page's `next_cursor`).
 */
export async function GET(req: MedusaRequest<unknown, ListDeliveriesType>, res: MedusaResponse) {
  const { limit, cursor, ...filters } = req.validatedQuery
  const hub = req.scope.resolve<OutboxModuleService>(OUTBOX_MODULE)
  const page = await hub.pageDeliveries({ ...filters, partner_id: partnerOf(req).id }, { limit, cursor })
  res.json(deliveryPageView(page))
}
