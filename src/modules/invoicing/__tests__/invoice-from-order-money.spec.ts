import fc from "fast-check"
import { parseDecimal, toStripeAmount } from "../../../lib/money"
import { orderMoney, moneyLines } from "../../../lib/orders/order-money"
import { toOrderDocument } from "../../../lib/orders/order-document"
import { medusaOrder, orderSpecArb, type OrderSpec } from "../../../lib/orders/__tests__/medusa-orders"
import { propertyRuns } from "../../../../integration-tests/helpers/property-runs"
import { buildInvoiceLines, lineTotal } from "../lib/invoice-lines"

/**
 * The invoice and the ERP document built from one money model agree with the
 * order Medusa totalled (the model itself: src/lib/orders/__tests__/order-money.spec.ts).
 */
describe("invoice and ERP document from the model (property over orders users create)", () => {
  it("0 refusals: Stripe's total = the order total (at Stripe's precision), each line's tax = Medusa's, ERP document total = order total", () => {
    let withPromotionAndTax = 0
    const runs = propertyRuns(2000)
    fc.assert(
      fc.property(orderSpecArb(8), (spec: OrderSpec) => {
        const order = medusaOrder(spec)
        const money = orderMoney(order)
        const invoice = buildInvoiceLines(money)
        const c = spec.currency
        const stripe = (m: bigint) => toStripeAmount(m, c).amount
        // Σ of what every line adds to Stripe's total (amounts + exclusive tax) = the order total as Stripe writes it.
        expect(invoice.lines.reduce((s, l) => s + lineTotal(l), 0n)).toBe(stripe(money.total_minor))
        expect(invoice.total_minor - invoice.rounding_minor).toBe(money.total_minor)
        // Each Medusa line's tax, as Stripe tax amounts on its invoice line.
        for (const l of moneyLines(money)) {
          const invoiceLine = invoice.lines.find(
            (x) =>
              (x.metadata.medusa_line_item_id ?? x.metadata.medusa_shipping_method_id) === l.id &&
              x.metadata.kind !== "discount"
          )!
          const taxes = invoiceLine.taxes.reduce((s, t) => s + t.amount, 0n)
          const expected = l.tax_lines
            .filter((t) => t.amount_minor !== 0n)
            .reduce((s, t) => s + stripe(t.amount_minor), 0n)
          expect(taxes).toBe(expected)
          if (toStripeAmount(l.tax_minor, c).exact) expect(taxes).toBe(stripe(l.tax_minor))
        }
        const doc = toOrderDocument({ ...order, status: "pending", created_at: new Date(), updated_at: new Date() })
        expect(BigInt(doc.total_minor)).toBe(money.total_minor)
        const docLines = [...doc.lines, ...doc.shipping_lines]
        expect(docLines.reduce((s, l) => s + BigInt(l.total_minor), 0n) - BigInt(doc.credit_minor)).toBe(
          BigInt(doc.total_minor)
        )
        expect(docLines.reduce((s, l) => s + BigInt(l.net_minor) + BigInt(l.tax_minor), 0n)).toBe(
          BigInt(doc.total_minor) + BigInt(doc.credit_minor)
        )
        if (parseDecimal(String(order.discount_total)).mantissa > 0n && money.tax_minor > 0n) withPromotionAndTax++
      }),
      { numRuns: runs, seed: 20261205 }
    )
    // The population the audit found broken (promotion + tax) is well represented.
    expect(withPromotionAndTax).toBeGreaterThan(runs / 4)
  })
})
