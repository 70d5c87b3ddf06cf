import fc from "fast-check"
import { orderMoney } from "../../../lib/orders/order-money"
import { medusaOrder, orderSpecArb, OrderSpec, LineSpec } from "../../../lib/orders/__tests__/medusa-orders"
import { toMajorString, toStripeAmount } from "../../../lib/money"
import { buildInvoiceLines, lineAmount, lineTotal, MAX_STRIPE_INVOICE_LINES, InvoiceLine } from "../lib/invoice-lines"
import { propertyRuns } from "../../../../integration-tests/helpers/property-runs"

const stripeTotal = (lines: InvoiceLine[]) => lines.reduce((s, l) => s + lineTotal(l), 0n)
const taxOf = (lines: InvoiceLine[]) => lines.flatMap((l) => l.taxes).reduce((s, t) => s + t.amount, 0n)

/** Medusa line item ids an invoice's item lines cover (grouped lines list several). */
function coveredItemIds(lines: InvoiceLine[]): string[] {
  return lines.flatMap((l) => {
    if (l.metadata.medusa_line_item_ids) return l.metadata.medusa_line_item_ids.split(",")
    return l.metadata.medusa_line_item_id && l.metadata.kind !== "discount" ? [l.metadata.medusa_line_item_id] : []
  })
}

const usd = (items: LineSpec[], extra: Partial<OrderSpec> = {}): OrderSpec => ({
  currency: "usd",
  taxRate: 8.25,
  secondTaxRate: 0,
  taxInclusive: false,
  items,
  shipping: { amount_minor: 2500, promotion: { type: "none" } },
  ...extra,
})

describe("buildInvoiceLines", () => {
  it("states Medusa's tax on each line and discounts on their own lines: USD 100.00 at 10 % with a 10.00 promotion bills 99.00", () => {
    const money = orderMoney(
      medusaOrder(
        usd([{ unit_minor: 10_000, quantity: 1, promotion: { type: "fixed", minor: 1000 } }], {
          taxRate: 10,
          shipping: null,
        })
      )
    )
    const { lines, total_minor, rounding_minor } = buildInvoiceLines(money)
    expect(
      lines.map((l) => [
        l.kind,
        l.description,
        lineAmount(l),
        l.taxes.map((t) => [t.amount, t.taxable_amount, t.inclusive, t.percentage]),
      ])
    ).toEqual([
      ["item", "SKU-0 — Item 0", 10_000n, [[900n, 9000n, false, "10"]]],
      ["amount", "Discount — Item 0", -1000n, []],
    ])
    expect([stripeTotal(lines), total_minor, rounding_minor]).toEqual([9900n, 9900n, 0n])
  })

  it("a tax-inclusive 110.00 at 10 % is one 110.00 line with 10.00 of inclusive tax", () => {
    const money = orderMoney(
      medusaOrder({
        currency: "eur",
        taxRate: 10,
        secondTaxRate: 0,
        taxInclusive: true,
        items: [{ unit_minor: 11_000, quantity: 1, promotion: { type: "none" } }],
        shipping: null,
      })
    )
    const { lines } = buildInvoiceLines(money)
    expect(lines).toHaveLength(1)
    expect(lines[0]).toMatchObject({
      kind: "item",
      quantity: 1,
      unit_amount: 11_000n,
      taxes: [{ amount: 1000n, taxable_amount: 10_000n, inclusive: true }],
    })
    expect(stripeTotal(lines)).toBe(11_000n)
  })

  it("free shipping on taxed shipping: a shipping line, its discount, no shipping tax", () => {
    const money = orderMoney(
      medusaOrder(
        usd([{ unit_minor: 2000, quantity: 2, promotion: { type: "none" } }], {
          shipping: { amount_minor: 1500, promotion: { type: "percentage", percent: 100 } },
        })
      )
    )
    const { lines } = buildInvoiceLines(money)
    expect(lines.slice(1).map((l) => [l.description, lineAmount(l), l.taxes.length])).toEqual([
      ["Shipping — Freight", 1500n, 0],
      ["Shipping discount", -1500n, 0],
    ])
    expect(stripeTotal(lines)).toBe(4330n)
  })

  describe("KWD (Stripe: multiples of 10 fils): the rounding line", () => {
    const kwd = (units: number[]): OrderSpec => ({
      currency: "kwd",
      taxRate: 0,
      secondTaxRate: 0,
      taxInclusive: false,
      items: units.map((u) => ({ unit_minor: u, quantity: 1, promotion: { type: "none" } })),
      shipping: null,
    })
    const roundingLines = (lines: InvoiceLine[]) => lines.filter((l) => l.metadata.kind === "rounding")

    it("is left out when every amount is one Stripe can carry (1.230)", () => {
      const { lines, rounding_minor } = buildInvoiceLines(orderMoney(medusaOrder(kwd([1230]))))
      expect([roundingLines(lines), rounding_minor]).toEqual([[], 0n])
    })

    it("an order total Stripe cannot carry (1.235 → 1.240) is stated even though the lines add up: a 0.000 line naming the +0.005", () => {
      const money = orderMoney(medusaOrder(kwd([1235])))
      const { lines, total_minor, rounding_minor } = buildInvoiceLines(money)
      expect(money.total_minor).toBe(1235n)
      for (const l of lines) expect(lineAmount(l) % 10n).toBe(0n)
      expect([total_minor, rounding_minor, stripeTotal(lines)]).toEqual([1240n, 5n, 1240n])
      expect(
        roundingLines(lines).map((l) => [lineAmount(l), l.description, l.metadata.order_difference_minor])
      ).toEqual([
        [
          0n,
          "Rounding (KWD amounts at Stripe's precision): 0.000; order total 1.235 KWD is invoiced as 1.240 KWD (+0.005)",
          "5",
        ],
      ])
    })

    it("lines that miss an exact total (1.235 + 2.115 billed 1.240 + 2.120) get a −0.010 line and the invoice equals the order", () => {
      const { lines, total_minor, rounding_minor } = buildInvoiceLines(orderMoney(medusaOrder(kwd([1235, 2115]))))
      expect([total_minor, rounding_minor, stripeTotal(lines)]).toEqual([3350n, 0n, 3350n])
      expect(roundingLines(lines).map((l) => [lineAmount(l), l.description])).toEqual([
        [-10n, "Rounding (per-line rounding to Stripe's KWD precision): -0.010"],
      ])
    })

    it("both at once (3.703 billed 3.700): the line's −0.010 and the invoice's −0.003 from the order", () => {
      const { lines, total_minor, rounding_minor } = buildInvoiceLines(orderMoney(medusaOrder(kwd([1235, 1235, 1233]))))
      expect([total_minor, rounding_minor, stripeTotal(lines)]).toEqual([3700n, -3n, 3700n])
      expect(roundingLines(lines).map((l) => [lineAmount(l), l.description])).toEqual([
        [
          -10n,
          "Rounding (KWD amounts at Stripe's precision): -0.010; order total 3.703 KWD is invoiced as 3.700 KWD (-0.003)",
        ],
      ])
    })

    it("property: a rounding line exactly when the lines miss Stripe's total or Stripe's total misses the order's, never lost to grouping", () => {
      fc.assert(
        fc.property(orderSpecArb(40), fc.integer({ min: 4, max: 300 }), (spec, maxLines) => {
          const money = orderMoney(medusaOrder(spec))
          const { lines, total_minor, rounding_minor } = buildInvoiceLines(money, { maxLines })
          const target = toStripeAmount(money.total_minor, spec.currency).amount
          const others = stripeTotal(lines.filter((l) => l.metadata.kind !== "rounding"))
          const stated = roundingLines(lines)
          expect(total_minor - money.total_minor).toBe(rounding_minor)
          if (others === target && rounding_minor === 0n) return expect(stated).toEqual([])
          expect(stated).toHaveLength(1)
          expect(lineAmount(stated[0])).toBe(target - others)
          expect(stated[0].metadata.order_difference_minor).toBe(rounding_minor.toString())
          if (rounding_minor !== 0n)
            expect(stated[0].description).toContain(
              `(${rounding_minor > 0n ? "+" : ""}${toMajorString(rounding_minor, spec.currency)})`
            )
        }),
        { numRuns: propertyRuns(300), seed: 20261205 }
      )
    })
  })

  it("ISK: whole krónur written as two-decimal amounts (5,000 kr → 500000)", () => {
    const money = orderMoney(
      medusaOrder({
        currency: "isk",
        taxRate: 24,
        secondTaxRate: 0,
        taxInclusive: true,
        items: [{ unit_minor: 5000, quantity: 1, promotion: { type: "none" } }],
        shipping: null,
      })
    )
    const { lines, total_minor } = buildInvoiceLines(money)
    expect(lines.map((l) => lineAmount(l))).toEqual([500_000n])
    expect(total_minor).toBe(5000n)
  })

  it("a unit price finer than the currency is an amount line whose description keeps the exact price", () => {
    const money = orderMoney(
      medusaOrder({
        currency: "usd",
        taxRate: 0,
        secondTaxRate: 0,
        taxInclusive: false,
        items: [{ unit_minor: 1012, quantity: 3, promotion: { type: "none" }, subMinorPrice: true }],
        shipping: null,
      })
    )
    const [line] = buildInvoiceLines(money).lines
    expect(line).toMatchObject({ kind: "amount", amount: 3037n, description: "SKU-0 — Item 0 (3 × 10.1237)" })
  })

  it("stays within Stripe's 250 lines for a 500-line order with discounts and tax: items grouped, each item once, same total and tax", () => {
    const items = Array.from(
      { length: 500 },
      (_, i): LineSpec => ({
        unit_minor: 100 + i,
        quantity: 1 + (i % 5),
        promotion: i % 3 === 0 ? { type: "percentage", percent: 5 } : { type: "none" },
      })
    )
    const money = orderMoney(medusaOrder(usd(items)))
    const { lines, grouped } = buildInvoiceLines(money)
    expect(grouped).toBe(true)
    expect(lines.length).toBeLessThanOrEqual(MAX_STRIPE_INVOICE_LINES)
    expect(stripeTotal(lines)).toBe(money.total_minor)
    expect(taxOf(lines)).toBe(money.tax_minor)
    expect(coveredItemIds(lines)).toEqual(money.items.map((i) => i.id))
    const grouped2 = lines.find((l) => l.metadata.item_count)!
    expect(grouped2.description).toMatch(/^Items 1–\d+: SKU-0 ×1 @ 1 −0\.05; SKU-1 ×2 @ 1\.01/)
  })

  it("folds discounts into item lines before grouping items (a 200-item order with discounts)", () => {
    const items = Array.from(
      { length: 200 },
      (): LineSpec => ({ unit_minor: 500, quantity: 2, promotion: { type: "percentage", percent: 10 } })
    )
    const money = orderMoney(medusaOrder(usd(items, { taxRate: 7 })))
    const { lines } = buildInvoiceLines(money)
    expect(lines).toHaveLength(201) // 200 folded item lines + shipping
    expect(lines[0]).toMatchObject({
      kind: "amount",
      amount: 900n,
      description: "SKU-0 — Item 0 (2 × 5, less 1.00 discount)",
      taxes: [{ amount: 63n, taxable_amount: 900n }],
    })
    expect(stripeTotal(lines)).toBe(money.total_minor)
  })

  it("property: above the line limit (small limits force folding and grouping) totals, taxes and coverage hold", () => {
    fc.assert(
      fc.property(orderSpecArb(40), fc.integer({ min: 4, max: 30 }), (spec, maxLines) => {
        const money = orderMoney(medusaOrder(spec))
        const { lines } = buildInvoiceLines(money, { maxLines })
        expect(stripeTotal(lines)).toBe(toStripeAmount(money.total_minor, spec.currency).amount)
        expect(lines.length).toBeLessThanOrEqual(maxLines)
        expect(coveredItemIds(lines)).toEqual(money.items.map((i) => i.id))
        for (const l of lines) expect(l.taxes.length).toBeLessThanOrEqual(20)
      }),
      { numRuns: propertyRuns(300), seed: 20261205 }
    )
  })
})
