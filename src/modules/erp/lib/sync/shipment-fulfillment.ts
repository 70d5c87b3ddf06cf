import type { Shipment } from "../../../../../connectors"
import { ERP_FULFILLMENT_PROVIDER_ID } from "../../../providers/erp-fulfillment/constants"

/** Who reported a shipment: a connection the hub polls, or a pull client that pushed it. */
export type ShipmentSource = { type: "connection" | "pull_client"; id: string }

/** What recording a shipment answers (POST /erp/fulfillments shows it as `shipment`). */
export type RecordedShipment = {
  order_id: string
  fulfillment_id: string
  /** False when this (source, ERP shipment id) had already been recorded. */
  created: boolean
  tracking_numbers: string[]
}

/** An order's fulfillment, as far as matching a shipment to it needs. */
export type OrderFulfillment = {
  id: string
  provider_id: string | null
  shipped_at: string | null
  canceled_at: string | null
  created_at: string
  items: { line_item_id: string | null; sku: string | null; quantity: number }[]
}

/** The oldest open ERP fulfillment whose items cover the shipment's lines (any, when it lists none). */
export function matchFulfillment(fulfillments: OrderFulfillment[], shipment: Shipment): OrderFulfillment | undefined {
  const open = fulfillments
    .filter((f) => f.provider_id === ERP_FULFILLMENT_PROVIDER_ID && !f.shipped_at && !f.canceled_at)
    .sort((a, b) => String(a.created_at).localeCompare(String(b.created_at)))
  return open.find((f) =>
    shipment.lines.every((line) =>
      f.items.some((i) => (line.line_id ? i.line_item_id === line.line_id : i.sku === line.sku))
    )
  )
}

/** A fulfillment's items (one per inventory item) as the order lines it ships: one entry per line, quantities summed. */
export function shippedLineItems(fulfillment: Pick<OrderFulfillment, "items">): { id: string; quantity: number }[] {
  const quantities = new Map<string, number>()
  for (const item of fulfillment.items) {
    if (!item.line_item_id) continue
    quantities.set(item.line_item_id, (quantities.get(item.line_item_id) ?? 0) + Number(item.quantity))
  }
  return [...quantities].map(([id, quantity]) => ({ id, quantity }))
}
