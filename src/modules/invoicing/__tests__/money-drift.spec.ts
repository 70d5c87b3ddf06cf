import { assessOrderDrift, DriftCreditNote, DriftInput, DriftInvoice } from "../lib/money-drift"
import { formatMoneyDriftTable, parseMoneyDriftArgs } from "../../../scripts/lib/money-drift-table"

const order = (over: Partial<DriftInput["order"]> = {}): DriftInput["order"] => ({
  id: "order_1",
  display_id: 7,
  currency_code: "usd",
  status: "pending",
  placed_at: "2026-11-01T00:00:00.000Z",
  net_terms: true,
  total_minor: 12_345n,
  ...over,
})
const invoice = (over: Partial<DriftInvoice> = {}): DriftInvoice => ({
  id: "binv_1",
  status: "open",
  progress: "sent",
  total_minor: 12_345n,
  rounding_minor: 0n,
  attempts: 1,
  last_error: null,
  ...over,
})
const doc = (total = "12345", status = "pending") => ({ total_minor: total, status })
/** An amount-only note (a refund's, one made on Stripe's dashboard), on Stripe. */
const note = (amount: bigint, over: Partial<DriftCreditNote> = {}): DriftCreditNote => ({
  amount_minor: amount,
  returned_goods_minor: null,
  issued: true,
  ...over,
})
/** A return's note: its goods, of which `drawn` an earlier refund's note already credited. */
const returnNote = (goods: bigint, drawn = 0n, over: Partial<DriftCreditNote> = {}) =>
  note(goods - drawn, { returned_goods_minor: goods, ...over })
const assess = (over: Partial<DriftInput>) =>
  assessOrderDrift({ order: order(), invoices: [invoice()], credit_notes: [], erp_document: doc(), ...over })

describe("assessOrderDrift", () => {
  it("an invoiced order whose invoice and ERP document equal its total has no problems", () => {
    expect(assess({})).toMatchObject({
      order_total_minor: 12_345,
      invoiced_minor: 12_345,
      erp_document_total_minor: 12_345,
      credited_minor: 0,
      problems: [],
      messages: {},
    })
  })

  it("a net-terms order without an invoice record, or with a failed one, is not_invoiced (with the error)", () => {
    expect(assess({ invoices: [] }).problems).toEqual(["not_invoiced"])
    const failed = assess({
      invoices: [invoice({ status: "pending", progress: "customer", attempts: 2, last_error: "Stripe 500" })],
    })
    expect(failed).toMatchObject({ invoiced_minor: 0, problems: ["not_invoiced"] })
    expect(failed.messages.not_invoiced).toContain("Stripe 500")
    expect(assess({ invoices: [invoice({ status: "void" })] }).problems).toEqual(["not_invoiced"])
  })

  it("sums issued non-void invoices only: a voided original and its reissue are one invoice's worth", () => {
    const row = assess({ invoices: [invoice({ id: "a", status: "void" }), invoice({ id: "b", status: "paid" })] })
    expect(row).toMatchObject({ invoiced_minor: 12_345, problems: [] })
    expect(row.invoices.map((i) => i.id)).toEqual(["a", "b"])
    const split = assess({
      invoices: [invoice({ id: "a", total_minor: 12_000n }), invoice({ id: "b", total_minor: 345n, status: "paid" })],
    })
    expect(split.problems).toEqual([])
  })

  it("a stuck supplementary invoice is invoice_unfinished and the shortfall invoice_total_mismatch", () => {
    const row = assess({
      invoices: [
        invoice({ total_minor: 12_000n }),
        invoice({ id: "b", status: "pending", total_minor: 345n, last_error: "boom" }),
      ],
    })
    expect(row.problems).toEqual(["invoice_unfinished", "invoice_total_mismatch"])
    expect(row.messages.invoice_total_mismatch).toContain("difference -345")
  })

  it("the rounding Stripe forced is taken off the invoiced amount", () => {
    expect(assess({ invoices: [invoice({ total_minor: 12_350n, rounding_minor: 5n })] }).problems).toEqual([])
    expect(assess({ invoices: [invoice({ total_minor: 12_350n })] }).problems).toEqual(["invoice_total_mismatch"])
  })

  it("credit notes beyond what was invoiced are over_credited", () => {
    // Refunded in full: Medusa's total is 0 (a credit line), the invoice credited in full.
    const refunded = order({ total_minor: 0n })
    expect(assess({ order: refunded, credit_notes: [note(12_345n)], erp_document: doc("0") }).problems).toEqual([])
    expect(
      assess({ order: refunded, credit_notes: [note(12_345n), note(1n)], erp_document: doc("0") }).problems
    ).toEqual(["invoice_total_mismatch", "over_credited"])
  })

  describe("after a received return (Medusa's total counts the kept units only)", () => {
    // 12,345 invoiced; a unit of 1,088 came back: Medusa's order total is 11,257.
    const returned = order({ total_minor: 11_257n })
    const afterReturn = (over: Partial<DriftInput>) => assess({ order: returned, erp_document: doc("11257"), ...over })

    it("credited on the invoice: net billed = the order total, no drift", () => {
      expect(afterReturn({ credit_notes: [returnNote(1_088n)] })).toMatchObject({
        invoiced_minor: 12_345,
        credited_minor: 1_088,
        net_billed_minor: 11_257,
        problems: [],
      })
    })

    it("credited partly by an earlier refund: the return's goods count in full, the refund's note once", () => {
      // A 500 refund first (Medusa: a 500 credit line), then the return: its note credits 588.
      const row = afterReturn({
        order: order({ total_minor: 10_757n }),
        credit_notes: [note(500n), returnNote(1_088n, 500n)],
        erp_document: doc("10757"),
      })
      expect(row).toMatchObject({ credited_minor: 1_088, net_billed_minor: 10_757, problems: [] })
      // Covered by refunds in full: no Stripe note (amount 0), the goods still count.
      const covered = afterReturn({
        order: order({ total_minor: 10_169n }),
        credit_notes: [note(1_088n), returnNote(1_088n, 1_088n)],
        erp_document: doc("10169"),
      })
      expect(covered).toMatchObject({ credited_minor: 1_088, net_billed_minor: 10_169, problems: [] })
    })

    it("not credited (no note, or an intent Stripe never confirmed) is invoice_total_mismatch by the goods' value", () => {
      for (const credit_notes of [[], [returnNote(1_088n, 0n, { issued: false })]]) {
        const row = afterReturn({ credit_notes })
        expect(row).toMatchObject({ credited_minor: 0, net_billed_minor: 12_345, problems: ["invoice_total_mismatch"] })
        expect(row.messages.invoice_total_mismatch).toBe("invoiced 12345 ≠ order total 11257 (difference 1088)")
      }
    })

    it("credited twice is drift the other way", () => {
      const row = afterReturn({ credit_notes: [returnNote(1_088n), note(1_088n)] })
      expect(row).toMatchObject({ net_billed_minor: 10_169, problems: ["invoice_total_mismatch"] })
      expect(row.messages.invoice_total_mismatch).toContain(
        "less 2176 credited = 10169 ≠ order total 11257 (difference -1088)"
      )
    })

    it("the ERP document must follow the return too", () => {
      expect(afterReturn({ credit_notes: [returnNote(1_088n)], erp_document: doc("12345") }).problems).toEqual([
        "erp_document_mismatch",
      ])
    })
  })

  it("ERP document: missing, a different total, or not canceled with the order", () => {
    expect(assess({ erp_document: null })).toMatchObject({
      erp_document_total_minor: null,
      problems: ["erp_document_missing"],
    })
    expect(assess({ erp_document: doc("12344") }).problems).toEqual(["erp_document_mismatch"])
    const canceled = assess({
      order: order({ status: "canceled" }),
      invoices: [invoice({ status: "void" })],
      erp_document: doc("12345", "pending"),
    })
    expect(canceled.problems).toEqual(["erp_document_mismatch"])
  })

  it("a canceled order: a voided (or paid and fully credited) invoice is no drift; an open one is", () => {
    const canceled = order({ status: "canceled" })
    expect(
      assess({ order: canceled, invoices: [invoice({ status: "void" })], erp_document: doc("12345", "canceled") })
        .problems
    ).toEqual([])
    expect(assess({ order: canceled, invoices: [], erp_document: doc("12345", "canceled") }).problems).toEqual([])
    expect(
      assess({
        order: canceled,
        invoices: [invoice({ status: "paid" })],
        credit_notes: [note(12_345n)],
        erp_document: doc("12345", "canceled"),
      }).problems
    ).toEqual([])
    expect(assess({ order: canceled, erp_document: doc("12345", "canceled") }).problems).toEqual([
      "canceled_not_voided",
    ])
  })

  it("an order paid otherwise needs no invoice, but must not have a live one", () => {
    expect(assess({ order: order({ net_terms: false }), invoices: [] }).problems).toEqual([])
    expect(assess({ order: order({ net_terms: false }) }).problems).toEqual(["unexpected_invoice"])
  })

  it("an order the money model refuses is reported, not compared", () => {
    const row = assess({ order: order({ total_minor: null, total_error: "quantity 1.5" }) })
    expect(row).toMatchObject({ order_total_minor: null, problems: ["order_money_invalid"] })
  })
})

describe("money-drift CLI", () => {
  it("prints one line per order in major units, each problem explained, and a summary", () => {
    const ok = assess({})
    const bad = assessOrderDrift({
      order: order({ id: "order_2", display_id: 8, currency_code: "kwd", total_minor: 1_250n }),
      invoices: [],
      credit_notes: [],
      erp_document: doc("1250"),
    })
    const table = formatMoneyDriftTable([ok, bad], { drifting: 1, scanned: 2 })
    const lines = table.split("\n")
    expect(lines[0]).toMatch(
      /^order\s+status\s+terms\s+currency\s+order total\s+invoiced\s+ERP document\s+credited\s+net billed\s+problems$/
    )
    expect(lines[2]).toMatch(
      /#7 order_1\s+pending\s+net terms\s+USD\s+123\.45\s+123\.45\s+123\.45\s+0\.00\s+123\.45\s+ok$/
    )
    expect(lines[3]).toMatch(/#8 order_2 .*KWD\s+1\.250\s+0\.000\s+1\.250\s+0\.000\s+0\.000\s+not_invoiced$/)
    expect(lines[4]).toMatch(/^ {4}not_invoiced: net-terms order has no invoice record/)
    expect(lines[lines.length - 1]).toBe("1 of 2 order(s) drift.")
    expect(formatMoneyDriftTable([], { drifting: 0, scanned: 3 })).toBe("No drift in 3 order(s).")
  })

  it("reads key=value words (medusa exec keeps options for itself)", () => {
    expect(parseMoneyDriftArgs([])).toEqual({ drift_only: "true" })
    expect(parseMoneyDriftArgs(["all", "since=2026-01-01", "--order_id=order_1"])).toEqual({
      drift_only: "false",
      since: "2026-01-01",
      order_id: "order_1",
    })
    expect(() => parseMoneyDriftArgs(["bogus"])).toThrow(/unknown argument "bogus"/)
  })
})
