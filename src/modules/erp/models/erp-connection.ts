import { model } from "@medusajs/framework/utils"

/**
 * Where orders go: an adapter kind (netsuite, business-central, generic) with
 * its settings. Credentials are encrypted at rest and never returned by the API.
 */
export const ErpConnection = model.define("erp_connection", {
  id: model.id({ prefix: "erpc" }).primaryKey(),
  name: model.text(),
  kind: model.enum(["netsuite", "business-central", "generic"]),
  settings: model.json(),
  credentials_encrypted: model.text().nullable(),
  enabled: model.boolean().default(true),
  concurrency: model.number().default(10),
})
