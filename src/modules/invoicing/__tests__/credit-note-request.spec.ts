import type Stripe from "stripe"
import { orderMoney } from "../../../lib/orders/order-money"
import { medusaOrder } from "../../../lib/orders/__tests__/medusa-orders"
import { buildInvoiceLines } from "../lib/invoice-lines"
import { buildCreditNoteLines } from "../lib/credit-note-request"
import { noteSplit, refundMemo, returnMemo } from "../lib/credit-memo"
import { CreditLine } from "../lib/credit-lines"
import { creditUnits } from "../lib/credit-units"

/** The Stripe invoice lines as the sandbox answers them: our lines with a txr_ id per tax amount. */
function stripeLinesOf(money: ReturnType<typeof orderMoney>): Stripe.InvoiceLineItem[] {
  let rate = 0
  return buildInvoiceLines(money).lines.map(
    (l, i) =>
      ({
        id: `il_${i}`,
        metadata: l.metadata,
        taxes: l.taxes.map((t) => ({
          amount: Number(t.amount),
          tax_behavior: t.inclusive ? "inclusive" : "exclusive",
          tax_rate_details: { tax_rate: `txr_${t.percentage}_${rate++}` },
        })),
      }) as unknown as Stripe.InvoiceLineItem
  )
}

const usd = creditUnits("usd")

describe("buildCreditNoteLines", () => {
  const money = orderMoney(
    medusaOrder({
      currency: "usd",
      taxRate: 6.25,
      secondTaxRate: 2.625,
      taxInclusive: false,
      items: [{ unit_minor: 999, quantity: 4, promotion: { type: "none" } }],
      shipping: null,
    })
  )
  const [line] = money.items
  const billed = new Map([[line.id, line]])
  const invoiceLines = stripeLinesOf(money)
  const [state, county] = line.tax_lines
  const credit: CreditLine = {
    line_id: line.id,
    quantity: 1,
    net_minor: 999n,
    tax_minor: 89n,
    tax_lines: [
      { rate: state.rate, code: state.code, amount_minor: 62n },
      { rate: county.rate, code: county.code, amount_minor: 27n },
    ],
  }

  it("one custom line per order line at its net, its tax as tax_amounts on the invoice line's own tax rates", () => {
    const built = buildCreditNoteLines({
      units: usd,
      label: "Returned",
      lines: [credit],
      amount_minor: 1088n,
      billed,
      invoiceLines,
    })
    const rates = invoiceLines[0].taxes!.map((t) => t.tax_rate_details!.tax_rate)
    expect(built.lines).toEqual([
      {
        type: "custom_line_item",
        description: "Returned: SKU-0 — Item 0",
        quantity: 1,
        unit_amount: 999,
        tax_amounts: [
          { amount: 62, tax_rate: rates[0], taxable_amount: 999 },
          { amount: 27, tax_rate: rates[1], taxable_amount: 999 },
        ],
      },
    ])
    expect([built.amount, built.tax]).toEqual([1088n, 89n])
  })

  it("a note covering less than the goods (a refund drew part) scales net and each tax, adding up to its amount exactly", () => {
    const built = buildCreditNoteLines({
      units: usd,
      label: "Returned",
      lines: [credit],
      amount_minor: 588n,
      billed,
      invoiceLines,
    })
    const [only] = built.lines
    const taxes = (only.tax_amounts as Stripe.CreditNoteCreateParams.Line.TaxAmount[]).map((t) => t.amount)
    expect(only.unit_amount! + taxes[0] + taxes[1]).toBe(588)
    expect(only.unit_amount).toBe(540) // 999 × 588 / 1088 = 539.9
    // 62 × 588/1088 = 33.506, 27 × 588/1088 = 14.592: rounded 34 and 15 make 589, so the one rounded up most gives a unit back
    expect(taxes).toEqual([33, 15])
    expect(built.amount).toBe(588n)
  })

  it("tax-inclusive lines carry their tax inside the amount; without matching invoice rates the tax is a line of its own", () => {
    const inclusive = orderMoney(
      medusaOrder({
        currency: "eur",
        taxRate: 10,
        secondTaxRate: 0,
        taxInclusive: true,
        items: [{ unit_minor: 1100, quantity: 2, promotion: { type: "none" } }],
        shipping: null,
      })
    )
    const l = inclusive.items[0]
    const c: CreditLine = {
      line_id: l.id,
      quantity: 1,
      net_minor: 1000n,
      tax_minor: 100n,
      tax_lines: [{ rate: l.tax_lines[0].rate, code: l.tax_lines[0].code, amount_minor: 100n }],
    }
    const built = buildCreditNoteLines({
      units: creditUnits("eur"),
      label: "Returned",
      lines: [c],
      amount_minor: 1100n,
      billed: new Map([[l.id, l]]),
      invoiceLines: stripeLinesOf(inclusive),
    })
    expect(built.lines[0]).toMatchObject({ unit_amount: 1100, tax_amounts: [{ amount: 100, taxable_amount: 1000 }] })
    expect(built.amount).toBe(1100n)
    const loose = buildCreditNoteLines({
      units: usd,
      label: "Returned",
      lines: [credit],
      amount_minor: 1088n,
      billed,
      invoiceLines: [],
    })
    expect(loose.lines.map((x) => [x.description, x.unit_amount, x.tax_amounts])).toEqual([
      ["Returned: SKU-0 — Item 0", 999, undefined],
      ["Returned: tax", 89, undefined],
    ])
  })

  it("refuses to credit more than the goods", () => {
    expect(() =>
      buildCreditNoteLines({
        units: usd,
        label: "Returned",
        lines: [credit],
        amount_minor: 1089n,
        billed,
        invoiceLines,
      })
    ).toThrow(/exceeds/)
  })
})

describe("memos say what happened", () => {
  it("a return before payment reduces the amount due; after payment it is credited to the account balance", () => {
    const before = noteSplit(1088n, { status: "open", amount_remaining: 4351 })
    expect(
      returnMemo({
        return_id: "return_1",
        currency: "usd",
        units: usd,
        goods_minor: 1088n,
        covered_minor: 0n,
        split: before,
      })
    ).toBe("Return return_1: returned goods invoiced at 10.88 USD. 10.88 USD reduces the amount due.")
    const after = noteSplit(588n, { status: "paid", amount_remaining: 0 })
    expect(
      returnMemo({
        return_id: "return_2",
        currency: "usd",
        units: usd,
        goods_minor: 1088n,
        covered_minor: 500n,
        split: after,
      })
    ).toBe(
      "Return return_2: returned goods invoiced at 10.88 USD. 5.00 USD of it was already credited on this invoice (an earlier refund) and is not credited again. 5.88 USD is credited to your account balance."
    )
    expect(noteSplit(1000n, { status: "open", amount_remaining: 400 })).toEqual({
      pre_payment: 400n,
      post_payment: 600n,
    })
  })

  it("a refund after payment was refunded outside Stripe", () => {
    expect(
      refundMemo({
        refund_ref: "ref_1",
        currency: "usd",
        refund_minor: 1500n,
        covered_minor: 1088n,
        unsent_minor: 0n,
        split: { pre_payment: 0n, post_payment: 412n },
        units: usd,
      })
    ).toBe(
      "Refund ref_1 of 15.00 USD. 10.88 USD of it was already credited on this invoice (returns or earlier credit notes). 4.12 USD was refunded outside Stripe."
    )
  })
})
