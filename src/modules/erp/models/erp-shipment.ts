import { model } from "@medusajs/framework/utils"

/**
 * A shipment an ERP reported (pushed to POST /erp/fulfillments or read by the
 * shipment poller) and the Medusa fulfillment it was recorded on. Unique per
 * (source, ERP shipment id): a shipment seen twice is recorded once.
 */
export const ErpShipment = model
  .define("erp_shipment", {
    id: model.id({ prefix: "erps" }).primaryKey(),
    source_type: model.enum(["connection", "pull_client"]),
    source_id: model.text(),
    erp_id: model.text(),
    order_id: model.text(),
    fulfillment_id: model.text(),
    tracking_numbers: model.array(),
    carrier: model.text().nullable(),
    shipped_at: model.dateTime().nullable(),
  })
  .indexes([{ on: ["source_type", "source_id", "erp_id"], unique: true }, { on: ["order_id"] }])
