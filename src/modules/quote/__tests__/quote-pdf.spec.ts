import pdfParse from "pdf-parse"
import type { QuoteLine } from "../models/quote-version"
import { toQuoteDocument, toQuoteVersionDocument, QuoteRow, QuoteVersionRow } from "../lib/quote-document"
import { renderQuotePdf } from "../lib/quote-pdf"
import { formatMoney, formatPaymentTerms } from "../lib/quote-pdf-format"

const quoteRow = (extra: Partial<QuoteRow> = {}): QuoteRow => ({
  id: "quo_01PDFTEST",
  company_id: "comp_1",
  customer_id: "cus_1",
  employee_id: "emp_1",
  currency_code: "usd",
  region_id: "reg_1",
  po_number: "PO-4471",
  status: "quoted",
  latest_version: 3,
  sent_version: 3,
  sent_at: new Date("2026-12-11T09:00:00Z"),
  expires_at: new Date("2027-01-10T09:00:00Z"),
  created_at: new Date("2026-12-01T08:00:00Z"),
  updated_at: new Date("2026-12-11T09:00:00Z"),
  ...extra,
})

const line = (i: number, quantity: number, unit_price_minor: bigint): QuoteLine => ({
  variant_id: `variant_${i}`,
  sku: `SKU-${String(i).padStart(3, "0")}`,
  title: `Widget model ${i}`,
  quantity,
  contract_unit_price_minor: unit_price_minor.toString(),
  unit_price_minor: unit_price_minor.toString(),
  subtotal_minor: (unit_price_minor * BigInt(quantity)).toString(),
  explanation: null,
})

/** A version row as the database holds it: bigNumber columns come back as numbers. */
function versionRow(lines: QuoteLine[], extra: Partial<QuoteVersionRow> = {}): QuoteVersionRow {
  const subtotal = lines.reduce((sum, l) => sum + BigInt(l.subtotal_minor), 0n)
  const discount = BigInt(String(extra.discount_minor ?? 0))
  const shipping = BigInt(String(extra.shipping_minor ?? 0))
  return {
    number: 3,
    lines,
    subtotal_minor: Number(subtotal),
    discount_minor: 0,
    shipping: null,
    shipping_minor: 0,
    total_minor: Number(subtotal - discount + shipping),
    payment_terms: "net_30",
    expires_at: new Date("2027-01-10T09:00:00Z"),
    author_type: "user",
    author_id: "user_1",
    comment: null,
    diff: null,
    sent_at: new Date("2026-12-11T09:00:00Z"),
    created_at: new Date("2026-12-10T15:30:00Z"),
    ...extra,
  }
}

async function render(quote: QuoteRow, version: QuoteVersionRow) {
  const pdf = await renderQuotePdf({
    quote: toQuoteDocument(quote),
    version: toQuoteVersionDocument(version),
    company_name: "Globex Corporation",
    merchant_name: "Acme Supplies",
  })
  // pdf-parse v1's bundled pdf.js misreads a small Node Buffer, which shares Node's 8 KB pool ("bad XRef
  // entry" for a one-page quote); a plain Uint8Array copy owns its bytes and parses reliably.
  const parsed = await pdfParse(new Uint8Array(pdf) as unknown as Buffer)
  return { pdf, text: parsed.text, pages: parsed.numpages }
}

describe("formatMoney", () => {
  it("prints the currency's exact decimals with grouped digits and the upper-case code", () => {
    expect(formatMoney("123450", "usd")).toBe("1,234.50 USD")
    expect(formatMoney(-1000n, "usd")).toBe("-10.00 USD")
    expect(formatMoney("5", "usd")).toBe("0.05 USD")
    expect(formatMoney("1500", "jpy")).toBe("1,500 JPY")
    expect(formatMoney("1234567", "kwd")).toBe("1,234.567 KWD")
    // Beyond a float's 2^53: still exact.
    expect(formatMoney("900719925474099312", "usd")).toBe("9,007,199,254,740,993.12 USD")
  })

  it("words payment terms", () => {
    expect(formatPaymentTerms("net_30")).toBe("Net 30")
    expect(formatPaymentTerms("due_on_receipt")).toBe("Due on receipt")
  })
})

describe("renderQuotePdf", () => {
  it("prints the quote's terms, every line and the total before tax", async () => {
    const lines = [line(1, 10, 1250n), line(2, 3, 123_450n)]
    const { pdf, text, pages } = await render(
      quoteRow(),
      versionRow(lines, {
        shipping: { shipping_option_id: "so_1", name: "Ground freight", amount_minor: "2500" },
        shipping_minor: 2500,
        comment: "Prices held for the spring order.",
      })
    )

    expect(pdf.subarray(0, 5).toString("latin1")).toBe("%PDF-")
    expect(pages).toBe(1)
    for (const expected of [
      "Quote quo_01PDFTEST",
      "Version 3",
      "Acme Supplies",
      "Globex Corporation",
      "PO number: PO-4471",
      "Issued: 2026-12-11",
      "Valid until 2027-01-10",
      "Payment terms: Net 30",
      // SKU, title, quantity, unit price, line subtotal: one row of text each.
      "SKU-001Widget model 11012.50 USD125.00 USD",
      "SKU-002Widget model 231,234.50 USD3,703.50 USD",
      "Subtotal3,828.50 USD",
      "Shipping (Ground freight)25.00 USD",
      "Total before tax3,853.50 USD",
      "Taxes are calculated by the region when the order is placed.",
      "Prices held for the spring order.",
    ]) {
      expect(text).toContain(expected)
    }
    expect(text).not.toContain("Discount")
  })

  it("renders the same bytes for the same version", async () => {
    const a = await render(quoteRow(), versionRow([line(1, 1, 100n)]))
    const b = await render(quoteRow(), versionRow([line(1, 1, 100n)]))
    expect(a.pdf.equals(b.pdf)).toBe(true)
  })

  it("flows a 60-line table onto further pages and still ends with the last line and the total", async () => {
    const lines = Array.from({ length: 60 }, (_, i) => line(i + 1, i + 1, 999n))
    const total = lines.reduce((sum, l) => sum + BigInt(l.subtotal_minor), 0n)
    const { text, pages } = await render(quoteRow(), versionRow(lines))

    expect(pages).toBeGreaterThan(1)
    for (const l of lines) expect(text).toContain(`${l.sku}${l.title}`)
    expect(text).toContain(`SKU-060Widget model 60609.99 USD599.40 USD`)
    expect(text).toContain(`Total before tax${formatMoney(total, "usd")}`)
    expect(text).toContain(`Page ${pages} of ${pages}`)
    // The column headers repeat on each page of the table.
    expect(text.match(/SKUDescriptionQtyUnit priceSubtotal/g)).toHaveLength(pages)
  })

  it("shows a discount as a negative amount", async () => {
    const { text } = await render(quoteRow(), versionRow([line(1, 4, 5000n)], { discount_minor: 1500 }))
    expect(text).toContain("Subtotal200.00 USD")
    expect(text).toContain("Discount-15.00 USD")
    expect(text).toContain("Total before tax185.00 USD")
  })

  it("prints a zero-decimal currency without decimals, and no PO or expiry when there is none", async () => {
    const { text } = await render(
      quoteRow({ currency_code: "jpy", po_number: null }),
      versionRow([line(1, 2, 1500n), { ...line(2, 1, 80n), sku: null }], {
        expires_at: null,
        payment_terms: "due_on_receipt",
        sent_at: null,
      })
    )
    expect(text).toContain("SKU-001Widget model 121,500 JPY3,000 JPY")
    // A line without a SKU leaves its cell empty.
    expect(text).toContain("\nWidget model 2180 JPY80 JPY")
    expect(text).toContain("Total before tax3,080 JPY")
    expect(text).not.toMatch(/\d\.\d+ JPY/)
    expect(text).toContain("No expiry set")
    expect(text).toContain("Payment terms: Due on receipt")
    expect(text).toContain("Issued: 2026-12-10")
    expect(text).not.toContain("PO number")
  })
})
