import { model } from "@medusajs/framework/utils"

/**
 * The pull API's source: one row per order holding its latest versioned
 * document. Rows are written under one advisory lock, so `updated_at` order
 * is commit order and a keyset walk on (updated_at, id) never skips a write
 * that commits behind the reader.
 */
export const ErpOrderFeed = model
  .define("erp_order_feed", {
    id: model.id({ prefix: "erpf" }).primaryKey(),
    order_id: model.text().unique(),
    sales_channel_id: model.text().nullable(),
    company_id: model.text().nullable(),
    version: model.number(),
    document: model.json(),
  })
  .indexes([{ on: ["updated_at", "order_id"] }])
