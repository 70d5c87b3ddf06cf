import type { MedusaRequest, MedusaResponse } from "@medusajs/framework/http"
import { catalogueView } from "../../../../modules/outbox/catalogue"

/** GET /admin/webhooks/event-types — the event catalogue with each type's versioned JSON Schema. */
export async function GET(_req: MedusaRequest, res: MedusaResponse) {
  res.json({ event_types: catalogueView() })
}
