import Stripe from "stripe"
import { startStripeSandbox, type StripeSandbox } from "../stripe"

/**
 * Manual tax amounts (`lines[i][tax_amounts]`) through the real SDK: Stripe's
 * totals for exclusive and inclusive taxes, its validation of the parameter,
 * and credit notes that credit tax (`lines[i][tax_amounts][j][tax_rate]`).
 */
const NOW_MS = Date.UTC(2026, 10, 2, 12, 0, 0)

type TaxAmount = Stripe.InvoiceAddLinesParams.Line.TaxAmount
const vat = (amount: number, taxable: number, inclusive = false): TaxAmount => ({
  amount,
  taxable_amount: taxable,
  taxability_reason: "standard_rated",
  tax_rate_data: {
    display_name: "USt.",
    inclusive,
    percentage: 19,
    country: "DE",
    jurisdiction: "DE",
    jurisdiction_level: "country",
    tax_type: "vat",
  },
})
const reduced = (amount: number, taxable: number): TaxAmount => ({
  amount,
  taxable_amount: taxable,
  tax_rate_data: { display_name: "USt. ermäßigt", inclusive: true, percentage: 7, country: "DE", tax_type: "vat" },
})
const salesTax = (amount: number, taxable: number, level: "state" | "city", percentage: number): TaxAmount => ({
  amount,
  taxable_amount: taxable,
  tax_rate_data: {
    display_name: `Sales tax (${level})`,
    inclusive: false,
    percentage,
    country: "US",
    state: "NY",
    jurisdiction_level: level,
    tax_type: "sales_tax",
  },
})

describe("Stripe sandbox — manual tax amounts on invoices and credit notes", () => {
  let sbx: StripeSandbox
  let stripe: Stripe

  beforeEach(async () => {
    sbx = await startStripeSandbox({ now: () => NOW_MS })
    stripe = new Stripe("sk_test_sandbox", { ...sbx.stripeClientOptions, maxNetworkRetries: 0, timeout: 2000 })
  })
  afterEach(async () => {
    await sbx.close()
  })

  async function draft() {
    const customer = await stripe.customers.create({ name: "Acme GmbH" })
    return stripe.invoices.create({ customer: customer.id, collection_method: "send_invoice", days_until_due: 30 })
  }
  async function openInvoice(lines: Stripe.InvoiceAddLinesParams.Line[]) {
    const d = await draft()
    await stripe.invoices.addLines(d.id, { lines })
    return stripe.invoices.finalizeInvoice(d.id)
  }

  it("exclusive tax comes on top: total = subtotal + tax, and the line shows it as the 2026 API does", async () => {
    const inv = await openInvoice([{ description: "Widget", amount: 10_000, tax_amounts: [vat(1900, 10_000)] }])
    expect(inv).toMatchObject({
      subtotal: 10_000,
      subtotal_excluding_tax: 10_000,
      total_excluding_tax: 10_000,
      total: 11_900,
      amount_due: 11_900,
      amount_remaining: 11_900,
    })
    const [tax] = inv.lines.data[0].taxes ?? []
    expect(tax).toEqual({
      amount: 1900,
      tax_behavior: "exclusive",
      tax_rate_details: { tax_rate: expect.stringMatching(/^txr_/) },
      taxability_reason: "standard_rated",
      taxable_amount: 10_000,
      type: "tax_rate_details",
    })
    expect(inv.total_taxes).toEqual([tax])
    // The TaxRate Stripe made from tax_rate_data: archived at once.
    const rate = await stripe.taxRates.retrieve(tax.tax_rate_details!.tax_rate as string)
    expect(rate).toMatchObject({
      object: "tax_rate",
      active: false,
      display_name: "USt.",
      percentage: 19,
      inclusive: false,
      country: "DE",
      tax_type: "vat",
      jurisdiction_level: "country",
    })
    expect(await stripe.invoices.pay(inv.id, { paid_out_of_band: true })).toMatchObject({
      status: "paid",
      amount_paid: 11_900,
    })
  })

  it("inclusive tax is already inside the line amount: total = subtotal, the *_excluding_tax fields drop it", async () => {
    const inv = await openInvoice([{ description: "Widget", amount: 11_900, tax_amounts: [vat(1900, 10_000, true)] }])
    expect(inv).toMatchObject({
      subtotal: 11_900,
      subtotal_excluding_tax: 10_000,
      total_excluding_tax: 10_000,
      total: 11_900,
      amount_due: 11_900,
    })
    expect(inv.lines.data[0].taxes).toEqual([
      expect.objectContaining({ amount: 1900, tax_behavior: "inclusive", taxable_amount: 10_000 }),
    ])
  })

  it("mixes taxed, untaxed, discount and multi-tax lines; one TaxRate per distinct tax_rate_data, aggregated in total_taxes", async () => {
    const d = await draft()
    await stripe.invoices.addLines(d.id, {
      lines: [
        { description: "Widget", amount: 10_000, tax_amounts: [vat(1900, 10_000)] },
        { description: "Book", amount: 1070, tax_amounts: [reduced(70, 1000)] },
        { description: "Freight", amount: 500 },
        { description: "Contract discount", amount: -1000 },
        {
          description: "Service (NY)",
          amount: 2000,
          tax_amounts: [salesTax(120, 2000, "state", 6), salesTax(40, 2000, "city", 2)],
        },
      ],
    })
    // Same tax_rate_data in a later request: Stripe reuses the TaxRate.
    const inv = await stripe.invoices.addLines(d.id, {
      lines: [{ description: "Gadget", amount: 5000, tax_amounts: [vat(950, 5000)] }],
    })
    const subtotal = 10_000 + 1070 + 500 - 1000 + 2000 + 5000
    const exclusive = 1900 + 120 + 40 + 950
    expect(inv).toMatchObject({
      subtotal,
      subtotal_excluding_tax: subtotal - 70,
      total_excluding_tax: subtotal - 70,
      total: subtotal + exclusive,
      amount_due: subtotal + exclusive,
    })
    const rateOf = (i: number, j = 0) => inv.lines.data[i].taxes![j].tax_rate_details!.tax_rate
    expect(rateOf(5)).toBe(rateOf(0))
    expect(new Set([rateOf(0), rateOf(1), rateOf(4, 0), rateOf(4, 1)]).size).toBe(4)
    expect(inv.lines.data[2].taxes).toEqual([])
    expect(inv.lines.data[3]).toMatchObject({ amount: -1000, taxes: [] })
    expect(
      inv.total_taxes!.map((t) => [t.tax_rate_details!.tax_rate, t.tax_behavior, t.amount, t.taxable_amount])
    ).toEqual([
      [rateOf(0), "exclusive", 2850, 15_000],
      [rateOf(1), "inclusive", 70, 1000],
      [rateOf(4, 0), "exclusive", 120, 2000],
      [rateOf(4, 1), "exclusive", 40, 2000],
    ])
    expect(inv.lines.data[1].taxes![0].taxability_reason).toBe("not_available") // none given
    const finalized = await stripe.invoices.finalizeInvoice(d.id)
    expect(finalized).toMatchObject({ status: "open", total: subtotal + exclusive })
  })

  it("validates tax_amounts as Stripe's spec does, all-or-nothing", async () => {
    const d = await draft()
    const add = (line: Record<string, unknown>) =>
      stripe.invoices.addLines(d.id, {
        lines: [{ description: "X", amount: 1000, ...line } as Stripe.InvoiceAddLinesParams.Line],
      })
    const rateData = { display_name: "VAT", inclusive: false, percentage: 19 }

    await expect(
      add({
        tax_amounts: [{ amount: 190, taxable_amount: 1000, tax_rate_data: { display_name: "VAT", inclusive: false } }],
      })
    ).rejects.toMatchObject({
      statusCode: 400,
      code: "parameter_missing",
      param: "lines[0][tax_amounts][0][tax_rate_data][percentage]",
    })
    await expect(
      add({
        tax_amounts: [{ amount: 190, taxable_amount: 1000, tax_rate_data: { display_name: "VAT", percentage: 19 } }],
      })
    ).rejects.toMatchObject({
      code: "parameter_missing",
      param: "lines[0][tax_amounts][0][tax_rate_data][inclusive]",
    })
    await expect(add({ tax_amounts: [{ amount: 190, tax_rate_data: rateData }] })).rejects.toMatchObject({
      code: "parameter_missing",
      param: "lines[0][tax_amounts][0][taxable_amount]",
    })
    await expect(
      add({ tax_amounts: [{ amount: 190, taxable_amount: 1000, tax_rate_data: rateData }], tax_rates: ["txr_123"] })
    ).rejects.toMatchObject({
      statusCode: 400,
      param: "lines[0][tax_amounts]",
      message: expect.stringContaining("only specify one of these parameters"),
    })
    const one = { amount: 10, taxable_amount: 1000, tax_rate_data: rateData }
    await expect(add({ tax_amounts: Array.from({ length: 21 }, () => one) })).rejects.toMatchObject({
      statusCode: 400,
      param: "lines[0][tax_amounts]",
    })
    await expect(add({ tax_amounts: [{ ...one, amount: 12.5 }] })).rejects.toMatchObject({
      code: "parameter_invalid_integer",
      param: "lines[0][tax_amounts][0][amount]",
    })
    for (const percentage of [100.5, -1, 7.12345]) {
      await expect(
        add({ tax_amounts: [{ ...one, tax_rate_data: { ...rateData, percentage } }] })
      ).rejects.toMatchObject({
        param: "lines[0][tax_amounts][0][tax_rate_data][percentage]",
      })
    }
    await expect(add({ tax_amounts: [{ ...one, tax_rate_data: { ...rateData, rate: 19 } }] })).rejects.toMatchObject({
      code: "parameter_unknown",
      param: "lines[0][tax_amounts][0][tax_rate_data][rate]",
    })
    await expect(
      add({ tax_amounts: [{ ...one, tax_rate_data: { ...rateData, jurisdiction_level: "planet" } }] })
    ).rejects.toMatchObject({
      param: "lines[0][tax_amounts][0][tax_rate_data][jurisdiction_level]",
    })
    await expect(
      add({ tax_amounts: [{ ...one, tax_rate_data: { ...rateData, display_name: "V".repeat(201) } }] })
    ).rejects.toMatchObject({
      param: "lines[0][tax_amounts][0][tax_rate_data][display_name]",
    })
    await expect(add({ tax_amounts: [{ ...one, taxability_reason: "because" }] })).rejects.toMatchObject({
      param: "lines[0][tax_amounts][0][taxability_reason]",
    })
    // tax_rates on their own remain outside what the sandbox models.
    await expect(add({ tax_rates: ["txr_123"] })).rejects.toMatchObject({
      code: "sandbox_unsupported",
      param: "lines[0][tax_rates]",
    })
    // One bad line refuses the whole request: no line, no TaxRate stored.
    await expect(
      stripe.invoices.addLines(d.id, {
        lines: [
          { amount: 1000, tax_amounts: [one] },
          { amount: 1000, tax_amounts: [{ ...one, amount: 1.5 }] },
        ],
      })
    ).rejects.toMatchObject({ param: "lines[1][tax_amounts][0][amount]" })
    expect((await stripe.invoices.retrieve(d.id)).lines.data).toHaveLength(0)

    // What the spec allows is accepted: 20 amounts, 4 decimals, 0 and 100 %, a
    // negative tax on a negative line, "" for no taxes, an optional-field-rich rate.
    const ok = await stripe.invoices.addLines(d.id, {
      lines: [
        { amount: 1000, tax_amounts: Array.from({ length: 20 }, () => one) },
        { amount: 1000, tax_amounts: [{ ...one, amount: 0, tax_rate_data: { ...rateData, percentage: 0 } }] },
        {
          amount: 1000,
          tax_amounts: [
            {
              ...one,
              amount: 71,
              tax_rate_data: {
                ...rateData,
                percentage: 7.1234,
                description: "internal",
                state: "NY",
                jurisdiction: "New York",
              },
            },
          ],
        },
        { amount: 2000, tax_amounts: [{ ...one, amount: 2000, tax_rate_data: { ...rateData, percentage: 100 } }] },
        {
          description: "Credit",
          amount: -1000,
          tax_amounts: [{ amount: -190, taxable_amount: -1000, tax_rate_data: rateData }],
        },
        { amount: 500, tax_amounts: "" },
      ],
    })
    expect(ok.lines.data[0].taxes).toHaveLength(20)
    expect(ok.lines.data[5].taxes).toEqual([])
    expect(ok.total).toBe(1000 + 1000 + 1000 + 2000 - 1000 + 500 + (200 + 0 + 71 + 2000 - 190))
  })

  it("credit notes credit tax with the invoice's TaxRates; amount includes exclusive tax; the creditable limit holds", async () => {
    const inv = await openInvoice([
      {
        description: "Widget",
        quantity: 4,
        price_data: { currency: "usd", product_data: { name: "W" }, unit_amount: 2500 },
        tax_amounts: [vat(1900, 10_000)],
      },
      { description: "Freight", amount: 1000, tax_amounts: [vat(190, 1000)] },
    ])
    expect(inv.total).toBe(13_090)
    const [widget] = inv.lines.data
    const txr = widget.taxes![0].tax_rate_details!.tax_rate as string

    await expect(
      stripe.creditNotes.create({
        invoice: inv.id,
        lines: [{ type: "invoice_line_item", invoice_line_item: widget.id, quantity: 1 }],
      })
    ).rejects.toMatchObject({ code: "sandbox_unsupported", param: "lines[0][tax_amounts]" })
    const line = {
      type: "invoice_line_item" as const,
      invoice_line_item: widget.id,
      quantity: 1,
      tax_amounts: [{ amount: 475, tax_rate: txr, taxable_amount: 2500 }],
    }
    await expect(stripe.creditNotes.create({ invoice: inv.id, amount: 2500, lines: [line] })).rejects.toMatchObject({
      param: "amount",
    })
    await expect(
      stripe.creditNotes.create({
        invoice: inv.id,
        lines: [{ ...line, tax_amounts: [{ amount: 475, tax_rate: "txr_nope", taxable_amount: 2500 }] }],
      })
    ).rejects.toMatchObject({ statusCode: 400, code: "resource_missing", param: "lines[0][tax_amounts][0][tax_rate]" })

    const cn = await stripe.creditNotes.create({ invoice: inv.id, amount: 2975, lines: [line], reason: "order_change" })
    expect(cn).toMatchObject({
      amount: 2975,
      subtotal: 2500,
      subtotal_excluding_tax: 2500,
      total: 2975,
      total_excluding_tax: 2500,
      pre_payment_amount: 2975,
    })
    expect(cn.lines.data[0]).toMatchObject({ amount: 2500, quantity: 1 })
    expect(cn.lines.data[0].taxes).toEqual([
      {
        amount: 475,
        tax_behavior: "exclusive",
        tax_rate_details: { tax_rate: txr },
        taxability_reason: "standard_rated",
        taxable_amount: 2500,
        type: "tax_rate_details",
      },
    ])
    expect(cn.total_taxes).toEqual(cn.lines.data[0].taxes)
    expect(await stripe.invoices.retrieve(inv.id)).toMatchObject({
      total: 13_090,
      amount_due: 10_115,
      pre_payment_credit_notes_amount: 2975,
    })

    const goodwill = await stripe.creditNotes.create({
      invoice: inv.id,
      lines: [
        {
          type: "custom_line_item",
          description: "Goodwill",
          unit_amount: 1000,
          tax_amounts: [{ amount: 190, tax_rate: txr, taxable_amount: 1000 }],
        },
      ],
    })
    expect(goodwill).toMatchObject({ amount: 1190, subtotal: 1000, total: 1190 })
    // Left to credit: 13090 − 2975 − 1190 = 8925, tax included.
    await expect(stripe.creditNotes.create({ invoice: inv.id, amount: 8926 })).rejects.toMatchObject({
      code: "amount_too_large",
    })
    await expect(
      stripe.creditNotes.create({
        invoice: inv.id,
        lines: [
          {
            type: "custom_line_item",
            description: "Too much",
            unit_amount: 7500,
            tax_amounts: [{ amount: 1426, tax_rate: txr, taxable_amount: 7500 }],
          },
        ],
      })
    ).rejects.toMatchObject({ code: "amount_too_large" })
    // An explicit "" credits an invoice line without tax.
    const untaxed = await stripe.creditNotes.create({
      invoice: inv.id,
      lines: [{ type: "invoice_line_item", invoice_line_item: inv.lines.data[1].id, amount: 1000, tax_amounts: "" }],
    })
    expect(untaxed).toMatchObject({ amount: 1000, total_taxes: [] })
  })

  it("credits inclusive tax inside the line amount", async () => {
    const inv = await openInvoice([{ description: "Widget", amount: 11_900, tax_amounts: [vat(1900, 10_000, true)] }])
    const txr = inv.lines.data[0].taxes![0].tax_rate_details!.tax_rate as string
    const cn = await stripe.creditNotes.create({
      invoice: inv.id,
      lines: [
        {
          type: "invoice_line_item",
          invoice_line_item: inv.lines.data[0].id,
          amount: 5950,
          tax_amounts: [{ amount: 950, tax_rate: txr, taxable_amount: 5000 }],
        },
      ],
    })
    expect(cn).toMatchObject({
      amount: 5950,
      subtotal: 5950,
      subtotal_excluding_tax: 5000,
      total: 5950,
      total_excluding_tax: 5000,
    })
    expect(cn.total_taxes).toEqual([expect.objectContaining({ amount: 950, tax_behavior: "inclusive" })])
    expect(await stripe.invoices.retrieve(inv.id)).toMatchObject({ amount_due: 5950, amount_remaining: 5950 })
  })
})
