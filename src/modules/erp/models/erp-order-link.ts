import { model } from "@medusajs/framework/utils"

/** The external-id map: our order ↔ the ERP's document, per connection. */
export const ErpOrderLink = model
  .define("erp_order_link", {
    id: model.id({ prefix: "erpl" }).primaryKey(),
    order_id: model.text(),
    connection_id: model.text().nullable(),
    pull_client_id: model.text().nullable(),
    erp_id: model.text(),
  })
  .indexes([
    { on: ["order_id", "connection_id"], unique: true, where: "connection_id IS NOT NULL" },
    { on: ["order_id", "pull_client_id"], unique: true, where: "pull_client_id IS NOT NULL" },
  ])
