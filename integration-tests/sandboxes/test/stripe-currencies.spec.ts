import Stripe from "stripe"
import { startStripeSandbox, type StripeSandbox } from "../stripe"

/**
 * Stripe's currency precision rules ("Supported currencies":
 * https://docs.stripe.com/currencies — zero-decimal, three-decimal, special
 * cases) as the sandbox enforces them on invoices and credit notes.
 */
describe("Stripe sandbox — currency precision", () => {
  let sbx: StripeSandbox
  let stripe: Stripe

  beforeEach(async () => {
    sbx = await startStripeSandbox()
    stripe = new Stripe("sk_test_sandbox", { ...sbx.stripeClientOptions, maxNetworkRetries: 0, timeout: 2000 })
  })
  afterEach(async () => {
    await sbx.close()
  })

  async function draft(currency: string) {
    const customer = await stripe.customers.create({ name: "Buyer" })
    return stripe.invoices.create({
      customer: customer.id,
      currency,
      collection_method: "send_invoice",
      days_until_due: 30,
    })
  }
  const hostedText = async (id: string) => (await fetch(`${sbx.url}/_sandbox/hosted/${id}`)).text()
  const tax = (amount: number, taxable: number, inclusive: boolean): Stripe.InvoiceAddLinesParams.Line.TaxAmount => ({
    amount,
    taxable_amount: taxable,
    tax_rate_data: { display_name: "VAT", inclusive, percentage: 10 },
  })

  it("KWD (three-decimal): charged amounts must end in 0 — 1235 refused, 1240 accepted", async () => {
    const d = await draft("kwd")
    await expect(
      stripe.invoices.addLines(d.id, { lines: [{ description: "Kit", amount: 1235 }] })
    ).rejects.toMatchObject({
      type: "StripeInvalidRequestError",
      statusCode: 400,
      code: "invalid_charge_amount",
      param: "lines[0][amount]",
      message: expect.stringContaining("1230 or 1240"),
    })
    await expect(
      stripe.invoices.addLines(d.id, {
        lines: [{ quantity: 1, price_data: { currency: "kwd", product_data: { name: "K" }, unit_amount: 1235 } }],
      })
    ).rejects.toMatchObject({ code: "invalid_charge_amount", param: "lines[0][price_data][unit_amount]" })
    await expect(stripe.invoices.addLines(d.id, { lines: [{ amount: -125 }] })).rejects.toMatchObject({
      code: "invalid_charge_amount",
    })
    // An exclusive tax is charged on top, so it must end in 0 too; an inclusive one is inside the line.
    await expect(
      stripe.invoices.addLines(d.id, { lines: [{ amount: 1240, tax_amounts: [tax(125, 1240, false)] }] })
    ).rejects.toMatchObject({
      code: "invalid_charge_amount",
      param: "lines[0][tax_amounts][0][amount]",
    })
    const inv = await stripe.invoices.addLines(d.id, {
      lines: [
        { description: "Kit", amount: 1240 },
        // 2 × 1.235 KWD = 2.470 KWD: the unit price is not charged, the line is.
        {
          description: "Gloves",
          quantity: 2,
          price_data: { currency: "kwd", product_data: { name: "G" }, unit_amount: 1235 },
        },
        { description: "Wrap", amount: 1130, tax_amounts: [tax(103, 1027, true)] },
        { description: "Service", amount: 1000, tax_amounts: [tax(100, 1000, false)] },
      ],
    })
    expect(inv).toMatchObject({ subtotal: 1240 + 2470 + 1130 + 1000, total: 1240 + 2470 + 1130 + 1000 + 100 })
    const open = await stripe.invoices.finalizeInvoice(d.id)
    expect(open.amount_due % 10).toBe(0)
    expect(await hostedText(d.id)).toContain("5.940 KWD")
    await expect(stripe.creditNotes.create({ invoice: d.id, amount: 1235 })).rejects.toMatchObject({
      code: "invalid_charge_amount",
      param: "amount",
    })
    expect(await stripe.creditNotes.create({ invoice: d.id, amount: 1230 })).toMatchObject({ amount: 1230 })
  })

  it("JPY (zero-decimal): amounts are whole yen, passed through unchanged", async () => {
    const d = await draft("jpy")
    await stripe.invoices.addLines(d.id, {
      lines: [
        {
          description: "Fastener kit",
          quantity: 3,
          price_data: { currency: "jpy", product_data: { name: "JP-KIT" }, unit_amount: 1234 },
          tax_amounts: [tax(370, 3702, false)],
        },
        { description: "Gloves", amount: 377 },
        {
          description: "Half-yen contract price",
          quantity: 3,
          price_data: { currency: "jpy", product_data: { name: "X" }, unit_amount_decimal: Stripe.Decimal.from("0.5") },
        },
      ],
    })
    const inv = await stripe.invoices.finalizeInvoice(d.id)
    // 3 × 0.5 = 1.5 → 2 (half-up): any integer yen amount is valid.
    expect(inv.lines.data.map((l) => l.amount)).toEqual([3702, 377, 2])
    expect(inv).toMatchObject({ currency: "jpy", subtotal: 4081, total: 4451, amount_due: 4451 })
    expect(await hostedText(d.id)).toContain("4451 JPY")
  })

  it("ISK (special case): two-decimal amounts whose decimals are always 00 — every amount a multiple of 100", async () => {
    const d = await draft("isk")
    await expect(
      stripe.invoices.addLines(d.id, { lines: [{ description: "Kit", amount: 1250 }] })
    ).rejects.toMatchObject({
      statusCode: 400,
      code: "invalid_charge_amount_no_decimal_compatible",
      param: "lines[0][amount]",
      message: expect.stringContaining("evenly divisible by 100"),
    })
    await expect(
      stripe.invoices.addLines(d.id, { lines: [{ amount: 1200, tax_amounts: [tax(250, 950, true)] }] })
    ).rejects.toMatchObject({
      code: "invalid_charge_amount_no_decimal_compatible",
      param: "lines[0][tax_amounts][0][amount]",
    })
    await stripe.invoices.addLines(d.id, {
      lines: [{ description: "Kit", amount: 1200, tax_amounts: [tax(300, 1200, false)] }],
    })
    const inv = await stripe.invoices.finalizeInvoice(d.id)
    expect(inv).toMatchObject({ total: 1500, amount_due: 1500 })
    expect(await hostedText(d.id)).toContain("15.00 ISK")
    await expect(stripe.creditNotes.create({ invoice: d.id, amount: 150 })).rejects.toMatchObject({
      code: "invalid_charge_amount_no_decimal_compatible",
    })
    expect(await stripe.creditNotes.create({ invoice: d.id, amount: 500 })).toMatchObject({ amount: 500 })
  })

  it("UGX (special case): whole shillings as two-decimal amounts; a fractional total after taxes is Stripe's rounding, not modelled", async () => {
    const d = await draft("ugx")
    await expect(stripe.invoices.addLines(d.id, { lines: [{ amount: 150 }] })).rejects.toMatchObject({
      code: "invalid_charge_amount_no_decimal_compatible",
    })
    await stripe.invoices.addLines(d.id, { lines: [{ amount: 500, tax_amounts: [tax(55, 500, false)] }] })
    await expect(stripe.invoices.finalizeInvoice(d.id)).rejects.toMatchObject({ code: "sandbox_unsupported" })
    expect((await stripe.invoices.retrieve(d.id)).status).toBe("draft")

    const whole = await draft("ugx")
    await stripe.invoices.addLines(whole.id, { lines: [{ amount: 1000, tax_amounts: [tax(100, 1000, false)] }] })
    expect(await stripe.invoices.finalizeInvoice(whole.id)).toMatchObject({ status: "open", total: 1100 })
  })

  it("HUF and TWD: the divisible-by-100 rule is for payouts only, invoices take any amount", async () => {
    for (const currency of ["huf", "twd"]) {
      const d = await draft(currency)
      await stripe.invoices.addLines(d.id, { lines: [{ amount: 1045 }] })
      expect(await stripe.invoices.finalizeInvoice(d.id)).toMatchObject({ total: 1045 })
    }
  })
})
