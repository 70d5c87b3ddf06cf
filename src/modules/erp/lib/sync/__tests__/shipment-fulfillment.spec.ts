import type { Shipment } from "../../../../../../connectors"
import { ERP_FULFILLMENT_PROVIDER_ID } from "../../../../providers/erp-fulfillment/constants"
import { matchFulfillment, shippedLineItems, type OrderFulfillment } from "../shipment-fulfillment"

const fulfillment = (id: string, overrides: Partial<OrderFulfillment> = {}): OrderFulfillment => ({
  id,
  provider_id: ERP_FULFILLMENT_PROVIDER_ID,
  shipped_at: null,
  canceled_at: null,
  created_at: "2026-12-01T10:00:00Z",
  items: [{ line_item_id: "ordli_a", sku: "A", quantity: 1 }],
  ...overrides,
})

const shipment = (lines: Shipment["lines"]): Shipment => ({
  erp_id: "SH-1",
  order_id: "order_1",
  tracking_numbers: ["1Z"],
  lines,
})

describe("matchFulfillment", () => {
  it("takes the oldest open ERP fulfillment when the shipment lists no lines", () => {
    const match = matchFulfillment(
      [
        fulfillment("ful_new", { created_at: "2026-12-02T10:00:00Z" }),
        fulfillment("ful_old", { created_at: "2026-12-01T09:00:00Z" }),
        fulfillment("ful_shipped", { created_at: "2026-11-01T09:00:00Z", shipped_at: "2026-11-02T09:00:00Z" }),
        fulfillment("ful_manual", { created_at: "2026-11-01T09:00:00Z", provider_id: "manual_manual" }),
      ],
      shipment([])
    )
    expect(match?.id).toBe("ful_old")
  })

  it("takes the fulfillment whose items cover every line, by line id or else by SKU", () => {
    const fulfillments = [
      fulfillment("ful_a", { created_at: "2026-12-01T09:00:00Z" }),
      fulfillment("ful_b", { items: [{ line_item_id: "ordli_b", sku: "B", quantity: 3 }] }),
    ]
    expect(matchFulfillment(fulfillments, shipment([{ sku: "B", quantity: 3 }]))?.id).toBe("ful_b")
    expect(matchFulfillment(fulfillments, shipment([{ sku: "x", line_id: "ordli_b", quantity: 3 }]))?.id).toBe("ful_b")
    expect(matchFulfillment(fulfillments, shipment([{ sku: "C", quantity: 1 }]))).toBeUndefined()
  })

  it("never takes a canceled fulfillment", () => {
    expect(
      matchFulfillment([fulfillment("ful_x", { canceled_at: "2026-12-01T11:00:00Z" })], shipment([]))
    ).toBeUndefined()
  })
})

describe("shippedLineItems", () => {
  it("sums a line's items (one per inventory item) into one entry per order line", () => {
    expect(
      shippedLineItems({
        items: [
          { line_item_id: "ordli_a", sku: "A", quantity: 2 },
          { line_item_id: "ordli_b", sku: "B", quantity: 1 },
          { line_item_id: "ordli_a", sku: "A-2", quantity: 3 },
          { line_item_id: null, sku: "X", quantity: 9 },
        ],
      })
    ).toEqual([
      { id: "ordli_a", quantity: 5 },
      { id: "ordli_b", quantity: 1 },
    ])
  })
})
