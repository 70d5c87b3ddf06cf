import { model } from "@medusajs/framework/utils"
import { ERP_CONNECTION_DEFAULTS } from "../lib/connection-defaults"

/**
 * Where orders go: an adapter kind (netsuite, business-central, generic) with
 * its settings. Credentials are encrypted at rest and never returned by the API.
 *
 * `concurrency` caps the syncs in flight to this ERP across every worker
 * process; `max_attempts` and `retry_base_ms` shape the sync retries
 * (exponential from the base, capped at an hour). `shipments_synced_at` is the
 * shipment poller's high-water mark.
 */
export const ErpConnection = model.define("erp_connection", {
  id: model.id({ prefix: "erpc" }).primaryKey(),
  name: model.text(),
  kind: model.enum(["netsuite", "business-central", "generic"]),
  settings: model.json(),
  credentials_encrypted: model.text().nullable(),
  enabled: model.boolean().default(ERP_CONNECTION_DEFAULTS.enabled),
  concurrency: model.number().default(ERP_CONNECTION_DEFAULTS.concurrency),
  max_attempts: model.number().default(ERP_CONNECTION_DEFAULTS.max_attempts),
  retry_base_ms: model.number().default(ERP_CONNECTION_DEFAULTS.retry_base_ms),
  shipments_synced_at: model.dateTime().nullable(),
})
