import { model } from "@medusajs/framework/utils"

/** A partner organisation and its API credentials (secret stored hashed). */
export const Partner = model.define("partner", {
  id: model.id({ prefix: "ptn" }).primaryKey(),
  name: model.text(),
  client_id: model.text().unique(),
  client_secret_hash: model.text(),
  revoked_at: model.dateTime().nullable(),
})
