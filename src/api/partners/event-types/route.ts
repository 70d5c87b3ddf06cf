import type { MedusaRequest, MedusaResponse } from "@medusajs/framework/http"
import { catalogueView } from "../../../modules/outbox/catalogue"

/**
 * GET /partners/event-types — the event catalogue: every type with its
 * versioned JSON Schema. Public, so integrators can build before they have
 * credentials.
 */
export async function GET(_req: MedusaRequest, res: MedusaResponse) {
  res.json({ event_types: catalogueView() })
}
