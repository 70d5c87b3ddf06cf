import { assertOrderAddsUp, orderAsSold } from "../../../../../../connectors"
import { toOrderDocument } from "../../../../../lib/orders/order-document"
import { medusaOrder } from "../../../../../lib/orders/__tests__/medusa-orders"
import { toHubOrder } from "../to-hub-order"

const placed = {
  status: "pending",
  created_at: new Date("2026-12-05T10:00:00Z"),
  updated_at: new Date("2026-12-05T10:00:00Z"),
}

describe("toHubOrder", () => {
  it("carries the document's money field for field: lines, shipping lines (net of their discount), credit", () => {
    const order = medusaOrder({
      currency: "usd",
      taxRate: 10,
      secondTaxRate: 0,
      taxInclusive: false,
      items: [{ unit_minor: 10_000, quantity: 1, promotion: { type: "fixed", minor: 1000 } }],
      shipping: { amount_minor: 1500, promotion: { type: "percentage", percent: 100 } },
    })
    const hub = toHubOrder(toOrderDocument({ ...order, ...placed }))
    expect(hub.lines[0]).toMatchObject({
      unit_price: "100",
      unit_price_minor: "10000",
      tax_inclusive: false,
      tax_rate: "10",
      subtotal_minor: "10000",
      discount_minor: "1000",
      discount_tax_minor: "100",
      net_minor: "9000",
      tax_minor: "900",
      total_minor: "9900",
    })
    expect(hub.shipping_lines[0]).toMatchObject({
      name: "Freight",
      subtotal_minor: "1500",
      discount_minor: "1500",
      net_minor: "0",
      total_minor: "0",
    })
    expect(hub).toMatchObject({
      tax_inclusive: false,
      shipping_minor: "0",
      shipping_tax_minor: "0",
      discount_minor: "2500",
      tax_minor: "900",
      credit_minor: "0",
      total_minor: "9900",
    })
    expect(() => assertOrderAddsUp(hub)).not.toThrow()
  })

  it("reads a document published before 2026-12-05 still in the feed: net = total − tax, shipping = what the totals hold beyond the lines", () => {
    const legacy = {
      version: "2026-11-01",
      id: "order_legacy",
      display_id: 7,
      status: "pending",
      currency_code: "usd",
      email: "ap@acme.example",
      po_number: null,
      company_id: null,
      company: null,
      contract_id: null,
      sales_channel_id: null,
      placed_at: "2026-11-20T10:00:00.000Z",
      updated_at: "2026-11-20T10:00:00.000Z",
      canceled_at: null,
      lines: [
        {
          line_id: "li_1",
          sku: "A",
          variant_id: null,
          product_id: null,
          title: "A",
          quantity: 2,
          unit_price_minor: "1000",
          subtotal_minor: "2000",
          discount_minor: "200",
          tax_minor: "180",
          total_minor: "1980",
          contract_rule_id: null,
        },
      ],
      shipping_minor: "500",
      discount_minor: "700",
      tax_minor: "180",
      total_minor: "1980",
      shipping_address: null,
      billing_address: null,
    }
    // Free shipping: the old shipping_minor (500, before its discount) is not booked.
    const hub = toHubOrder(legacy as any)
    expect(hub.lines[0]).toMatchObject({
      unit_price: "10.00",
      net_minor: "1800",
      tax_minor: "180",
      total_minor: "1980",
    })
    expect(hub).toMatchObject({ shipping_lines: [], shipping_minor: "0", total_minor: "1980" })
    expect(() => assertOrderAddsUp(hub)).not.toThrow()
    const paidShipping = toHubOrder({ ...legacy, tax_minor: "230", total_minor: "2530" } as any)
    expect(paidShipping.shipping_lines).toMatchObject([{ net_minor: "500", tax_minor: "50", total_minor: "550" }])
    expect(() => assertOrderAddsUp(paidShipping)).not.toThrow()
  })

  it("carries the received returns, so an ERP that books them apart gets the order as sold back, to the cent", () => {
    const spec = {
      currency: "usd" as const,
      taxRate: 8.25,
      secondTaxRate: 0,
      taxInclusive: false,
      items: [{ unit_minor: 1250, quantity: 2, promotion: { type: "none" as const }, returned: 1 }],
      shipping: null,
    }
    const order = medusaOrder(spec)
    const ret = {
      id: "return_1",
      display_id: 1,
      status: "received",
      created_at: "2026-12-06T10:00:00Z",
      received_at: "2026-12-06T11:00:00Z",
      items: [{ item_id: order.items[0].id, received_quantity: 1, damaged_quantity: 0 }],
    }
    const hub = toHubOrder(toOrderDocument({ ...order, ...placed }, null, [ret]))
    expect(hub.lines[0]).toMatchObject({ quantity: 1, total_minor: "1353" })
    expect(hub.returns).toEqual([
      {
        id: "return_1",
        display_id: 1,
        received_at: "2026-12-06T11:00:00.000Z",
        lines: [
          expect.objectContaining({ line_id: order.items[0].id, sku: "SKU-0", quantity: 1, total_minor: "1353" }),
        ],
        subtotal_minor: "1250",
        discount_minor: "0",
        discount_tax_minor: "0",
        tax_minor: "103",
        total_minor: "1353",
      },
    ])
    const asPlaced = toHubOrder(
      toOrderDocument({ ...medusaOrder({ ...spec, items: [{ ...spec.items[0], returned: 0 }] }), ...placed })
    )
    const { returns: _r, ...sold } = orderAsSold(hub)
    const { returns: _none, ...asSold } = asPlaced
    expect(sold).toEqual(asSold)
    expect(() => assertOrderAddsUp(orderAsSold(hub))).not.toThrow()
  })

  it("a document published before returns were part of it has none", () => {
    const order = medusaOrder({
      currency: "usd",
      taxRate: 0,
      secondTaxRate: 0,
      taxInclusive: false,
      items: [{ unit_minor: 1000, quantity: 1, promotion: { type: "none" } }],
      shipping: null,
    })
    const { returns: _none, ...older } = toOrderDocument({ ...order, ...placed })
    expect(toHubOrder(older as any).returns).toEqual([])
  })
})
