import { model } from "@medusajs/framework/utils"

/**
 * An ERP (or WMS) that pulls orders with OAuth2 client credentials. The secret
 * is stored as a scrypt hash and shown once at creation. Grants limit what the
 * client sees: orders of these sales channels and/or companies.
 */
export const ErpPullClient = model.define("erp_pull_client", {
  id: model.id({ prefix: "erpcl" }).primaryKey(),
  name: model.text(),
  client_id: model.text().unique(),
  client_secret_hash: model.text(),
  scopes: model.array(),
  sales_channel_ids: model.array(),
  company_ids: model.array(),
  revoked_at: model.dateTime().nullable(),
})
