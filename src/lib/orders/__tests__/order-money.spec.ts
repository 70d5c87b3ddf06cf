import fc from "fast-check"
import { toMinor } from "../../money"
import { orderMoney, moneyLines } from "../order-money"
import { toOrderDocument } from "../order-document"
import { orderMoneyFromJson, orderMoneyToJson } from "../order-money-json"
import { medusaOrder, orderSpecArb, OrderSpec } from "./medusa-orders"
import { propertyRuns } from "../../../../integration-tests/helpers/property-runs"

/** |Medusa's exact figure − ours| in minor units, as a rational compared against one unit. */
function withinOneMinor(exact: unknown, ours: bigint, currency: string): boolean {
  const rounded = toMinor(String(exact), currency, { round: true })
  const d = rounded - ours
  return d >= -1n && d <= 1n
}

const allLinesOf = (order: any) => [...order.items, ...order.shipping_methods]

describe("orderMoney (orders totalled by Medusa's own decorateCartTotals)", () => {
  it("USD 100.00 at 10 % with a 10.00 promotion: net 90.00, tax 9.00, total 99.00; the discount is net of tax", () => {
    const order = medusaOrder({
      currency: "usd",
      taxRate: 10,
      secondTaxRate: 0,
      taxInclusive: false,
      items: [{ unit_minor: 10_000, quantity: 1, promotion: { type: "fixed", minor: 1000 } }],
      shipping: null,
    })
    const [line] = orderMoney(order).items
    expect(line).toMatchObject({
      subtotal_minor: 10_000n,
      discount_minor: 1000n,
      discount_tax_minor: 100n,
      net_minor: 9000n,
      tax_minor: 900n,
      total_minor: 9900n,
      gross_minor: 11_000n,
    })
  })

  it("tax-inclusive 110.00 at 10 %: net 100.00, tax 10.00, total 110.00", () => {
    const order = medusaOrder({
      currency: "eur",
      taxRate: 10,
      secondTaxRate: 0,
      taxInclusive: true,
      items: [{ unit_minor: 11_000, quantity: 1, promotion: { type: "none" } }],
      shipping: null,
    })
    const money = orderMoney(order)
    expect(money.items[0]).toMatchObject({
      subtotal_minor: 10_000n,
      net_minor: 10_000n,
      tax_minor: 1000n,
      total_minor: 11_000n,
      gross_minor: 11_000n,
      tax_inclusive: true,
    })
    expect(money.tax_inclusive).toBe(true)
  })

  it("free shipping on taxed shipping: the shipping line nets to zero, no shipping tax", () => {
    const order = medusaOrder({
      currency: "usd",
      taxRate: 8.25,
      secondTaxRate: 0,
      taxInclusive: false,
      items: [{ unit_minor: 2000, quantity: 2, promotion: { type: "none" } }],
      shipping: { amount_minor: 1500, promotion: { type: "percentage", percent: 100 } },
    })
    const money = orderMoney(order)
    expect(money.shipping[0]).toMatchObject({
      subtotal_minor: 1500n,
      discount_minor: 1500n,
      net_minor: 0n,
      tax_minor: 0n,
      total_minor: 0n,
    })
    expect(money.total_minor).toBe(4330n)
  })

  it("splits a line's tax among its tax lines by rate, the parts adding up to the line's tax", () => {
    const order = medusaOrder({
      currency: "usd",
      taxRate: 6.25,
      secondTaxRate: 2.625,
      taxInclusive: false,
      items: [{ unit_minor: 3333, quantity: 3, promotion: { type: "none" } }],
      shipping: null,
    })
    const [line] = orderMoney(order).items
    expect(line.tax_rate).toBe("8.875")
    expect(line.tax_lines.map((t) => [t.code, t.rate])).toEqual([
      ["STATE", "6.25"],
      ["COUNTY", "2.625"],
    ])
    expect(line.tax_lines.reduce((s, t) => s + t.amount_minor, 0n)).toBe(line.tax_minor)
  })

  it("after a received return a line carries the units Medusa's totals count: 4 × 9.99 at 8.875 % with 1 returned is 3 units, 32.63", () => {
    const spec = (returned?: number): OrderSpec => ({
      currency: "usd",
      taxRate: 8.875,
      secondTaxRate: 0,
      taxInclusive: false,
      items: [{ unit_minor: 999, quantity: 4, promotion: { type: "none" }, returned }],
      shipping: null,
    })
    const order = medusaOrder(spec(1))
    // Medusa keeps the ordered quantity on the line and counts the kept units in its totals.
    expect([order.items[0].quantity, Number(order.total)]).toEqual([4, 32.6298375])
    const [line] = orderMoney(order).items
    expect([line.quantity, line.net_minor, line.tax_minor, line.total_minor]).toEqual([3, 2997n, 266n, 3263n])
    // The document an ERP books says the same: 3 units at their money.
    expect(
      toOrderDocument({ ...order, display_id: 1, created_at: new Date(0), updated_at: new Date(0) }).lines.map((l) => [
        l.quantity,
        l.total_minor,
      ])
    ).toEqual([[3, "3263"]])
    expect(orderMoney(medusaOrder(spec())).items[0].quantity).toBe(4)
  })

  it("property: the model adds up and stays within one minor unit of Medusa on every line", () => {
    fc.assert(
      fc.property(orderSpecArb(8), (spec: OrderSpec) => {
        const order = medusaOrder(spec)
        const money = orderMoney(order)
        const c = spec.currency
        expect(money.total_minor).toBe(toMinor(String(order.total), c, { round: true }))
        expect(money.tax_minor).toBe(toMinor(String(order.tax_total), c, { round: true }))
        const lines = moneyLines(money)
        expect(lines.reduce((s, l) => s + l.total_minor, 0n) - money.credit_minor).toBe(money.total_minor)
        for (const [i, raw] of allLinesOf(order).entries()) {
          const l = lines.find((x) => x.id === raw.id)!
          expect(l.net_minor + l.tax_minor).toBe(l.total_minor)
          expect(l.subtotal_minor - l.discount_minor).toBe(l.net_minor)
          expect({
            i,
            tax: withinOneMinor(raw.tax_total, l.tax_minor, c),
            total: withinOneMinor(raw.total, l.total_minor, c),
          }).toEqual({ i, tax: true, total: true })
        }
      }),
      { numRuns: propertyRuns(1000), seed: 20261205 }
    )
  })
})

describe("orderMoney as JSON (what an invoice record keeps)", () => {
  it("round-trips through JSON unchanged", () => {
    fc.assert(
      fc.property(orderSpecArb(6), (spec) => {
        const money = orderMoney(medusaOrder(spec))
        expect(orderMoneyFromJson(JSON.parse(JSON.stringify(orderMoneyToJson(money))))).toEqual(money)
      }),
      { numRuns: propertyRuns(100), seed: 7 }
    )
  })
})
