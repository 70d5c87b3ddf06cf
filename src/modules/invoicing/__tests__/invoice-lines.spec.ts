import fc from "fast-check"
import { buildInvoiceLines, InvoiceMismatchError, lineAmount, MAX_STRIPE_INVOICE_LINES } from "../lib/invoice-lines"
import { expectedTotalMinor, medusaLikeOrder, orderSpecArb } from "./medusa-like-order"

const sum = (lines: ReturnType<typeof buildInvoiceLines>["lines"]) => lines.reduce((s, l) => s + lineAmount(l), 0n)

/** Medusa line item ids an invoice's lines cover (grouped lines list several). */
function coveredItemIds(lines: ReturnType<typeof buildInvoiceLines>["lines"]): string[] {
  return lines.flatMap((l) => {
    if (l.metadata.medusa_line_item_ids) return l.metadata.medusa_line_item_ids.split(",")
    return l.metadata.medusa_line_item_id && (l.kind === "item" || !l.description.startsWith("Discount")) ? [l.metadata.medusa_line_item_id] : []
  })
}

describe("buildInvoiceLines", () => {
  it("itemizes an order: each item at its unit price, discounts, shipping and tax on their own lines", () => {
    const order = medusaLikeOrder({
      currency: "usd",
      items: [
        { unit_minor: 1000, quantity: 3, discount_permille: 0 },
        { unit_minor: 350, quantity: 100, discount_permille: 100 },
      ],
      shipping_minor: 2500,
      shipping_discount_permille: 0,
      tax_rate_bp: 825,
    })
    const { lines, total_minor, grouped } = buildInvoiceLines(order)
    expect(grouped).toBe(false)
    expect(lines.map((l) => [l.kind, l.description, lineAmount(l)])).toEqual([
      ["item", "SKU-0 — Item 0", 3000n],
      ["item", "SKU-1 — Item 1", 35000n],
      ["amount", "Discount — Item 1", -3500n],
      ["amount", "Shipping — Freight", 2500n],
      // (3000 + 35000 − 3500 + 2500) × 8.25 % = 3052.5; the total 40052.5 rounds to 40053, tax takes the half
      ["amount", "Tax", 3053n],
    ])
    expect(sum(lines)).toBe(total_minor)
    expect(total_minor).toBe(expectedTotalMinor(order))
    const first = lines[0]
    expect(first.kind === "item" && [first.quantity, first.unit_amount_minor]).toEqual([3, 1000n])
  })

  it("refuses an order whose tax does not add up (more than a minor unit per line off)", () => {
    const order = medusaLikeOrder({ currency: "usd", items: [{ unit_minor: 1000, quantity: 1, discount_permille: 0 }], shipping_minor: 0, shipping_discount_permille: 0, tax_rate_bp: 0 })
    expect(() => buildInvoiceLines({ ...order, total: "20.00" })).toThrow(InvoiceMismatchError)
  })

  it("invoices a unit price finer than the currency's minor unit as one rounded amount line", () => {
    const order = {
      id: "o1", display_id: 1, currency_code: "jpy", total: "3701.5", tax_total: "0",
      items: [{ id: "li1", title: "Bolt", variant_sku: "B", quantity: 3, unit_price: "1233.83333" }],
      shipping_methods: [],
    }
    const { lines, total_minor } = buildInvoiceLines(order)
    expect(lines[0]).toMatchObject({ kind: "amount", amount_minor: 3701n })
    expect(total_minor).toBe(3702n)
    expect(sum(lines)).toBe(3702n) // the 1 yen of rounding goes to the tax line
  })

  it("stays within Stripe's 250 lines for a 500-line order: items grouped evenly, each item once, same total", () => {
    const order = medusaLikeOrder({
      currency: "usd",
      items: Array.from({ length: 500 }, (_, i) => ({ unit_minor: 100 + i, quantity: 1 + (i % 5), discount_permille: i % 3 === 0 ? 50 : 0 })),
      shipping_minor: 2500,
      shipping_discount_permille: 0,
      tax_rate_bp: 825,
    })
    const { lines, total_minor, grouped } = buildInvoiceLines(order)
    expect(grouped).toBe(true)
    expect(lines).toHaveLength(MAX_STRIPE_INVOICE_LINES)
    expect(sum(lines)).toBe(total_minor)
    expect(coveredItemIds(lines)).toEqual(order.items.map((i) => i.id))
    const sizes = lines.filter((l) => l.metadata.item_count).map((l) => Number(l.metadata.item_count))
    expect(Math.max(...sizes) - Math.min(...sizes)).toBeLessThanOrEqual(1)
  })

  it("folds discounts into item lines before grouping items (a 200-item order with discounts)", () => {
    const order = medusaLikeOrder({
      currency: "usd",
      items: Array.from({ length: 200 }, (_, i) => ({ unit_minor: 500, quantity: 2, discount_permille: 100 })),
      shipping_minor: 2500,
      shipping_discount_permille: 0,
      tax_rate_bp: 700,
    })
    const { lines, total_minor } = buildInvoiceLines(order)
    expect(lines).toHaveLength(202) // 200 folded item lines + shipping + tax
    expect(lines[0]).toMatchObject({ kind: "amount", amount_minor: 900n, description: "SKU-0 — Item 0 (2 × 5.00, less 1.00 discount)" })
    expect(sum(lines)).toBe(total_minor)
  })

  it("property: for random contract-priced orders in JPY, USD and KWD, Σ lines = Medusa's total rounded once, ≤ 250 lines, every item covered once", () => {
    fc.assert(
      fc.property(orderSpecArb(12), (spec) => {
        const order = medusaLikeOrder(spec)
        const { lines, total_minor } = buildInvoiceLines(order)
        expect(total_minor).toBe(expectedTotalMinor(order))
        expect(sum(lines)).toBe(total_minor)
        expect(lines.length).toBeLessThanOrEqual(MAX_STRIPE_INVOICE_LINES)
        expect(coveredItemIds(lines)).toEqual(order.items.map((i) => i.id))
        for (const l of lines) if (l.kind === "item") expect(l.unit_amount_minor).toBeGreaterThan(0n)
      }),
      { numRuns: 500 }
    )
  })

  it("property: the same holds above the line limit (small limits force folding and grouping)", () => {
    fc.assert(
      fc.property(orderSpecArb(40), fc.integer({ min: 4, max: 30 }), (spec, maxLines) => {
        const order = medusaLikeOrder(spec)
        const { lines, total_minor } = buildInvoiceLines(order, { maxLines })
        expect(sum(lines)).toBe(total_minor)
        expect(lines.length).toBeLessThanOrEqual(maxLines)
        expect(coveredItemIds(lines)).toEqual(order.items.map((i) => i.id))
      }),
      { numRuns: 300 }
    )
  })
})
