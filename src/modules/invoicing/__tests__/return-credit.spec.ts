import fc from "fast-check"
import { orderMoney, OrderMoney } from "../../../lib/orders/order-money"
import { medusaOrder, orderSpecArb, OrderSpec } from "../../../lib/orders/__tests__/medusa-orders"
import { billedShare, shareTotal } from "../lib/credit-allocation"
import { CreditLine } from "../lib/credit-lines"
import { creditUnits } from "../lib/credit-units"
import { InvoiceNote, invoiceLedger, planReturnCredit, ReturnInvoiceState } from "../lib/return-credit"
import { planRefundCredit } from "../lib/refund-credit"
import { propertyRuns } from "../../../../integration-tests/helpers/property-runs"

/** 4 × 9.99 at 8.875 %, no shipping: Medusa's totals 39.96 + 3.54645 → line 43.51. */
const fourAt999 = (): OrderMoney =>
  orderMoney(
    medusaOrder({
      currency: "usd",
      taxRate: 8.875,
      secondTaxRate: 0,
      taxInclusive: false,
      items: [{ unit_minor: 999, quantity: 4, promotion: { type: "none" } }],
      shipping: null,
    })
  )

const invoiceOf = (
  money: OrderMoney,
  notes: InvoiceNote[] = [],
  sequence = 1,
  id = `inv_${sequence}`
): ReturnInvoiceState => ({
  invoice_id: id,
  sequence,
  money,
  notes,
  // What Stripe's invoice totals: the order total at Stripe's precision (invoice-lines.ts).
  total_minor: creditUnits(money.currency_code).toIso(creditUnits(money.currency_code).toUnits(money.total_minor)),
})

/** Plays returns one after the other, each seeing the notes before it; returns every note's plan. */
function playReturns(money: OrderMoney, returns: { line_id: string; quantity: number }[][], extra: InvoiceNote[] = []) {
  const notes: InvoiceNote[] = [...extra]
  const planned = []
  for (const [i, returned] of returns.entries()) {
    const plan = planReturnCredit({ currency: money.currency_code, invoices: [invoiceOf(money, notes)], returned })
    for (const n of plan.notes) {
      planned.push(n)
      notes.push({ reason_key: `return_${i}`, amount_minor: n.amount_minor, lines: n.lines })
    }
  }
  return { planned, notes }
}

const sum = (values: bigint[]) => values.reduce((s, v) => s + v, 0n)

describe("planReturnCredit: per line, never more than invoiced", () => {
  it("four one-unit returns of 4 × 9.99 at 8.875 % credit exactly the 43.51 invoiced (the last one takes the remainder)", () => {
    const money = fourAt999()
    const [line] = money.items
    expect([line.net_minor, line.tax_minor, line.total_minor]).toEqual([3996n, 355n, 4351n])
    const one = [{ line_id: line.id, quantity: 1 }]
    const { planned } = playReturns(money, [one, one, one, one])
    // tax: round(355/4) = 89, round(266/3) = 89, round(177/2) = 89, then the 88 left
    expect(planned.map((n) => [n.lines[0].net_minor, n.lines[0].tax_minor, n.amount_minor])).toEqual([
      [999n, 89n, 1088n],
      [999n, 89n, 1088n],
      [999n, 89n, 1088n],
      [999n, 88n, 1087n],
    ])
    expect(sum(planned.map((n) => n.amount_minor))).toBe(4351n)
    expect(planned[0].lines[0]).toMatchObject({
      quantity: 1,
      tax_lines: [{ rate: "8.875", code: "STATE", amount_minor: 89n }],
    })
    // Each return rounded on its own would have credited 4 × 10.88 = 43.52.
  })

  it("a fifth return of the line credits nothing more and says so", () => {
    const money = fourAt999()
    const all = [{ line_id: money.items[0].id, quantity: 4 }]
    const { notes } = playReturns(money, [all])
    const plan = planReturnCredit({
      currency: "usd",
      invoices: [invoiceOf(money, notes)],
      returned: [{ line_id: money.items[0].id, quantity: 1 }],
    })
    expect(plan.notes).toEqual([])
    expect(plan.uncredited).toEqual([{ line_id: money.items[0].id, quantity: 1 }])
  })

  it("takes each line's discount and each tax line's share; never credits shipping", () => {
    const money = orderMoney(
      medusaOrder({
        currency: "usd",
        taxRate: 6.25,
        secondTaxRate: 2.625,
        taxInclusive: false,
        items: [{ unit_minor: 3333, quantity: 3, promotion: { type: "percentage", percent: 12.5 } }],
        shipping: { amount_minor: 1500, promotion: { type: "none" } },
      })
    )
    const [line] = money.items
    const { planned } = playReturns(money, [[{ line_id: line.id, quantity: 1 }], [{ line_id: line.id, quantity: 2 }]])
    expect(planned.every((n) => n.lines.every((l) => l.line_id === line.id))).toBe(true)
    expect(sum(planned.map((n) => n.lines[0].net_minor))).toBe(line.net_minor)
    for (const [k, t] of line.tax_lines.entries())
      expect(sum(planned.map((n) => n.lines[0].tax_lines![k].amount_minor))).toBe(t.amount_minor)
    expect(sum(planned.map((n) => n.amount_minor))).toBe(line.total_minor)
  })

  it("property: random partial return sequences never exceed what was invoiced per line, and the full sequence equals it", () => {
    fc.assert(
      fc.property(
        orderSpecArb(4),
        fc.infiniteStream(fc.integer({ min: 1, max: 1_000_000 })),
        (spec: OrderSpec, random) => {
          const money = orderMoney(medusaOrder(spec))
          const units = creditUnits(spec.currency)
          const draw = (n: number) => (random.next().value as number) % n
          // Every unit of every line returned in random chunks, lines interleaved.
          const left = new Map(money.items.map((l) => [l.id, l.quantity]))
          const returns: { line_id: string; quantity: number }[][] = []
          while ([...left.values()].some((q) => q > 0)) {
            const open = [...left].filter(([, q]) => q > 0)
            const [id, q] = open[draw(open.length)]
            const k = 1 + draw(Math.ceil(q / 3))
            left.set(id, q - k)
            returns.push([{ line_id: id, quantity: k }])
          }
          const { planned } = playReturns(money, returns)
          for (const line of money.items) {
            const billed = billedShare(line, units)
            const credits = planned.flatMap((n) => n.lines).filter((l) => l.line_id === line.id)
            let net = 0n
            let tax = 0n
            for (const c of credits) {
              net += c.net_minor
              tax += c.tax_minor
              // At every step: never more than invoiced (in Stripe's units, which is what the invoice billed).
              expect(units.toUnits(net)).toBeLessThanOrEqual(billed.net > 0n ? billed.net : 0n)
              expect(units.toUnits(tax)).toBeLessThanOrEqual(
                sum(billed.taxes.map((t) => (t.amount > 0n ? t.amount : 0n)))
              )
              // Every amount is one Stripe accepts (KWD credits end in 0).
              expect(units.toIso(units.toUnits(c.net_minor))).toBe(c.net_minor)
            }
            expect(sum(credits.map((c) => BigInt(c.quantity)))).toBe(BigInt(line.quantity))
            if (billed.net >= 0n && billed.taxes.every((t) => t.amount >= 0n)) {
              expect(units.toUnits(net)).toBe(billed.net)
              for (const [k, t] of billed.taxes.entries())
                expect(sum(credits.map((c) => units.toUnits(c.tax_lines![k].amount_minor)))).toBe(t.amount)
            }
          }
          // The whole sequence: Σ notes = Σ item lines as invoiced, never above the invoice's total
          // (three-decimal currencies: Stripe's rounding line can make the total the smaller).
          const itemsBilled = sum(money.items.map((l) => shareTotal(billedShare(l, units))))
          const invoiceTotal = units.toUnits(money.total_minor)
          expect(units.toUnits(sum(planned.map((n) => n.amount_minor)))).toBe(
            itemsBilled < invoiceTotal ? itemsBilled : invoiceTotal
          )
        }
      ),
      { numRuns: propertyRuns(120) }
    )
  })
})

describe("planReturnCredit: refunds and returns net in either order", () => {
  const refundNote = (minor: bigint): InvoiceNote => ({
    reason_key: "order_1:refund:ref_1",
    amount_minor: minor,
    lines: null,
  })

  it("a return after a refund draws on the refund first: the goods are credited in full, the note only for what the refund did not cover", () => {
    const money = fourAt999()
    const one = [{ line_id: money.items[0].id, quantity: 1 }]
    const { planned } = playReturns(money, [one, one], [refundNote(500n)])
    expect(planned.map((n) => [n.goods_minor, n.drawn_minor, n.amount_minor])).toEqual([
      [1088n, 500n, 588n],
      [1088n, 0n, 1088n],
    ])
    // The goods count as credited in full: Σ notes (refund included) = what the buyer is owed.
    expect(500n + sum(planned.map((n) => n.amount_minor))).toBe(2176n)
  })

  it("a refund bigger than the return covers it entirely (no Stripe note) and keeps the rest for the next return", () => {
    const money = fourAt999()
    const one = [{ line_id: money.items[0].id, quantity: 1 }]
    const { planned } = playReturns(money, [one, one], [refundNote(1500n)])
    expect(planned.map((n) => [n.drawn_minor, n.amount_minor])).toEqual([
      [1088n, 0n],
      [412n, 676n],
    ])
    expect(1500n + sum(planned.map((n) => n.amount_minor))).toBe(2176n)
  })

  it("the ledger: amount-only notes fill the pool, return notes that credited less drew on it, edit notes do not", () => {
    const line: CreditLine = { line_id: "li", quantity: 1, net_minor: 999n, tax_minor: 89n }
    expect(
      invoiceLedger([
        refundNote(1500n),
        { reason_key: "return_a", amount_minor: 0n, lines: [line] },
        { reason_key: "edit:ch_1", amount_minor: 1000n, lines: [line] },
      ])
    ).toEqual({
      credited: [line, line],
      pool_minor: 412n,
      noted_minor: 2500n,
    })
  })

  it("a refund after a return credits only what the return's note did not (Σ refunds ≤ Σ notes)", () => {
    const usd = creditUnits("usd")
    // Return credited 10.88; Medusa then refunds 10.88: nothing more.
    expect(
      planRefundCredit({
        refund_minor: 1088n,
        refunded_before_minor: 0n,
        credited_minor: 1088n,
        invoice_total_minor: 4351n,
        units: usd,
      })
    ).toEqual({ credit_minor: 0n, covered_minor: 1088n, unsent_minor: 0n })
    // A further 10.00 beyond the return's value is credited for itself.
    expect(
      planRefundCredit({
        refund_minor: 1000n,
        refunded_before_minor: 1088n,
        credited_minor: 1088n,
        invoice_total_minor: 4351n,
        units: usd,
      })
    ).toMatchObject({ credit_minor: 1000n, covered_minor: 0n })
    // Refund first: credited in full; never beyond what the invoice can still credit.
    expect(
      planRefundCredit({
        refund_minor: 500n,
        refunded_before_minor: 0n,
        credited_minor: 0n,
        invoice_total_minor: 4351n,
        units: usd,
      }).credit_minor
    ).toBe(500n)
    expect(
      planRefundCredit({
        refund_minor: 5000n,
        refunded_before_minor: 0n,
        credited_minor: 0n,
        invoice_total_minor: 4351n,
        units: usd,
      })
    ).toEqual({ credit_minor: 4351n, covered_minor: 0n, unsent_minor: 649n })
    // Refund first (5.00), return after it (10.88 of goods, its note 5.88, 5.00 covered): the 10.88 Medusa then asks for is covered.
    expect(
      planRefundCredit({
        refund_minor: 1088n,
        refunded_before_minor: 500n,
        credited_minor: 1088n,
        covered_minor: 500n,
        invoice_total_minor: 4351n,
        units: usd,
      })
    ).toEqual({ credit_minor: 0n, covered_minor: 1088n, unsent_minor: 0n })
    // KWD: Stripe takes tens of fils; a refund never credits more than it is.
    expect(
      planRefundCredit({
        refund_minor: 1235n,
        refunded_before_minor: 0n,
        credited_minor: 0n,
        invoice_total_minor: 9990n,
        units: creditUnits("kwd"),
      })
    ).toEqual({ credit_minor: 1230n, covered_minor: 0n, unsent_minor: 5n })
  })
})

describe("planReturnCredit: several invoices, caps", () => {
  it("draws on the latest invoice holding the line first, then earlier ones, never more than each has left", () => {
    const original = fourAt999()
    // A supplementary invoice billing 2 more units of the same line.
    const moreUnits = orderMoney(
      medusaOrder({
        currency: "usd",
        taxRate: 8.875,
        secondTaxRate: 0,
        taxInclusive: false,
        items: [{ unit_minor: 999, quantity: 2, promotion: { type: "none" } }],
        shipping: null,
      })
    )
    const supplementary: OrderMoney = {
      ...moreUnits,
      items: moreUnits.items.map((l) => ({ ...l, id: original.items[0].id })),
    }
    const plan = planReturnCredit({
      currency: "usd",
      invoices: [invoiceOf(original, [], 1), invoiceOf(supplementary, [], 2)],
      returned: [{ line_id: original.items[0].id, quantity: 3 }],
    })
    expect(plan.notes.map((n) => [n.invoice_id, n.lines[0].quantity, n.amount_minor])).toEqual([
      ["inv_2", 2, supplementary.items[0].total_minor],
      ["inv_1", 1, 1088n],
    ])
  })

  it("never credits more than the invoice can still credit (the rest is held back, stated)", () => {
    const money = fourAt999()
    const invoice = {
      ...invoiceOf(money, [{ reason_key: "stripe:cn_x", amount_minor: 0n, lines: null }]),
      total_minor: 1000n,
    }
    const [note] = planReturnCredit({
      currency: "usd",
      invoices: [invoice],
      returned: [{ line_id: money.items[0].id, quantity: 1 }],
    }).notes
    expect([note.goods_minor, note.held_minor, note.amount_minor]).toEqual([1088n, 88n, 1000n])
  })
})
