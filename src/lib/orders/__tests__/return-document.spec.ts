import fc from "fast-check"
import { toMinor } from "../../money"
import { orderMoney } from "../order-money"
import { toOrderDocument } from "../order-document"
import { returnedUnits, toReturnDocuments, type ReturnForDocument } from "../return-document"
import { returnedMoney } from "../return-money"
import { medusaOrder, orderSpecArb, type OrderSpec } from "./medusa-orders"
import { propertyRuns } from "../../../../integration-tests/helpers/property-runs"

const received = (
  id: string,
  items: [string, number, number?][],
  at = "2026-12-01T10:00:00.000Z"
): ReturnForDocument => ({
  id,
  display_id: 3,
  status: "received",
  created_at: "2026-11-30T10:00:00.000Z",
  received_at: at,
  items: items.map(([item_id, received_quantity, damaged_quantity]) => ({
    item_id,
    received_quantity,
    damaged_quantity,
  })),
})

/** 2 × FAST-KIT 12.50 and 5 × GLOVE 4.20 at 8.25 %, one kit and two gloves returned. */
const SPEC: OrderSpec = {
  currency: "usd",
  taxRate: 8.25,
  secondTaxRate: 0,
  taxInclusive: false,
  items: [
    { unit_minor: 1250, quantity: 2, promotion: { type: "none" }, returned: 1 },
    { unit_minor: 420, quantity: 5, promotion: { type: "none" }, returned: 2 },
  ],
  shipping: { amount_minor: 1500, promotion: { type: "none" } },
}

describe("what returned units are worth (Medusa's own line totals, rounded by the order money model)", () => {
  it("1 kit at 12.50 + 8.25 % and 2 gloves at 4.20: 13.53 and 9.09, the units kept are the order's total", () => {
    const order = medusaOrder(SPEC, "order_ret")
    const [kit, gloves] = order.items
    const ret = received("return_1", [
      [kit.id, 1],
      [gloves.id, 1, 1],
    ])
    const [doc] = toReturnDocuments(order, [ret])
    expect(doc).toMatchObject({
      id: "return_1",
      display_id: 3,
      received_at: "2026-12-01T10:00:00.000Z",
      subtotal_minor: "2090",
      tax_minor: "172",
      total_minor: "2262",
    })
    expect(doc.lines.map((l) => [l.line_id, l.quantity, l.net_minor, l.tax_minor, l.total_minor])).toEqual([
      [kit.id, 1, "1250", "103", "1353"],
      [gloves.id, 2, "840", "69", "909"],
    ])
    // Kept + returned = the order as placed, here to the cent.
    const kept = orderMoney(order)
    const placed = orderMoney(
      medusaOrder({ ...SPEC, items: SPEC.items.map((i) => ({ ...i, returned: 0 })) }, "order_ret")
    )
    expect(kept.total_minor + BigInt(doc.total_minor)).toBe(placed.total_minor)
  })

  it("counts received and damaged units, merges a line listed twice, and leaves out returns that took nothing back", () => {
    const order = medusaOrder(SPEC, "order_ret")
    const [kit, gloves] = order.items
    const partial = received("return_b", [
      [gloves.id, 1],
      [gloves.id, 0, 1],
      [kit.id, 0],
    ])
    expect(returnedUnits(partial)).toEqual([{ line_id: gloves.id, quantity: 2 }])
    const requested = { ...received("return_c", [[kit.id, 0]]), status: "requested", received_at: null }
    const older = received("return_a", [[kit.id, 1]], "2026-11-20T10:00:00.000Z")
    expect(toReturnDocuments(order, [partial, requested, older]).map((r) => r.id)).toEqual(["return_a", "return_b"])
  })

  it("is part of the order document, beside lines that count only the units kept", () => {
    const order = medusaOrder(SPEC, "order_ret")
    const document = toOrderDocument(
      { ...order, status: "pending", created_at: new Date(), updated_at: new Date() },
      null,
      [received("return_1", [[order.items[0].id, 1]])]
    )
    expect(document.lines[0].quantity).toBe(1)
    expect(document.returns).toHaveLength(1)
    expect(document.returns[0].lines[0]).toMatchObject({ quantity: 1, total_minor: "1353", sku: "SKU-0" })
    expect(
      toOrderDocument({ ...order, status: "pending", created_at: new Date(), updated_at: new Date() }).returns
    ).toEqual([])
  })

  it("refuses units of a line the order does not have, or more than it was ordered with", () => {
    const order = medusaOrder(SPEC, "order_ret")
    expect(() => returnedMoney(order, [{ line_id: "ordli_nope", quantity: 1 }])).toThrow(/no line/)
    expect(() => returnedMoney(order, [{ line_id: order.items[0].id, quantity: 3 }])).toThrow(/3 units returned of 2/)
  })

  it("for random orders: each returned line adds up, is Medusa's value of the units within a minor unit, and kept + returned is the line as placed within rounding", () => {
    const arb = orderSpecArb(4).chain((spec) =>
      fc
        .tuple(...spec.items.map((i) => fc.integer({ min: 0, max: i.quantity })))
        .map((returned) => ({ ...spec, items: spec.items.map((i, k) => ({ ...i, returned: returned[k] })) }))
    )
    fc.assert(
      fc.property(arb, (spec) => {
        const order = medusaOrder(spec, "order_prop")
        const placed = orderMoney(
          medusaOrder({ ...spec, items: spec.items.map((i) => ({ ...i, returned: 0 })) }, "order_prop")
        )
        const kept = orderMoney(order)
        const units = order.items
          .map((item: any, k: number) => ({ line_id: item.id, quantity: spec.items[k].returned ?? 0 }))
          .filter((u: { quantity: number }) => u.quantity > 0)
        const lines = returnedMoney(order, units)
        expect(lines.map((l) => [l.id, l.quantity])).toEqual(units.map((u: any) => [u.line_id, u.quantity]))
        for (const line of lines) {
          expect(line.subtotal_minor - line.discount_minor).toBe(line.net_minor)
          expect(line.net_minor + line.tax_minor).toBe(line.total_minor)
          // Medusa's own figure for the received units (return_received_total, gross).
          const item = order.items.find((i: any) => i.id === line.id)
          const medusa = toMinor(String(item.return_received_total), spec.currency, { round: true })
          expect(Math.abs(Number(medusa - line.total_minor))).toBeLessThanOrEqual(1)
          const before = placed.items.find((l) => l.id === line.id)!
          const after = kept.items.find((l) => l.id === line.id)!
          expect(after.quantity + line.quantity).toBe(before.quantity)
          expect(Math.abs(Number(after.total_minor + line.total_minor - before.total_minor))).toBeLessThanOrEqual(2)
        }
      }),
      { numRuns: propertyRuns(300), seed: 20261212 }
    )
  })
})
