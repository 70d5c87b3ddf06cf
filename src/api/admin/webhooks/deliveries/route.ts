import type { MedusaRequest, MedusaResponse } from "@medusajs/framework/http"
import { OUTBOX_MODULE } from "../../../../modules/outbox"
import { deliveryPageView } from "../../../../modules/outbox/lib/views"
import type OutboxModuleService from "../../../../modules/outbox/service"
import type { AdminListDeliveriesType } from "../validators"

/** GET /admin/webhooks/deliveries — every partner's deliveries; the partner API's filters plus partner_id and the event's resource (resource_type + resource_id). */
export async function GET(req: MedusaRequest<unknown, AdminListDeliveriesType>, res: MedusaResponse) {
  const { limit, cursor, ...filters } = req.validatedQuery
  const hub = req.scope.resolve<OutboxModuleService>(OUTBOX_MODULE)
  res.json(deliveryPageView(await hub.pageDeliveries(filters, { limit, cursor })))
}
