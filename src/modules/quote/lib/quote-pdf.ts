// One version of a quote as a printable PDF (pdfkit, its built-in Helvetica: no font files to ship).
import PDFDocument from "pdfkit"
import type { QuoteDocument, QuoteVersionDocument } from "./quote-document"
import { formatDate, formatMoney, formatPaymentTerms } from "./quote-pdf-format"

export type QuotePdfInput = {
  quote: QuoteDocument
  version: QuoteVersionDocument
  company_name: string
  merchant_name: string
}

type Cell = { text: string; width: number; align: "left" | "right" }

const MARGIN = 50
const GAP = 8
const FONT = "Helvetica"
const BOLD = "Helvetica-Bold"
// A4 less the margins is 495 pt wide: SKU, description, quantity, unit price, line subtotal.
const COLUMNS = [
  { header: "SKU", width: 90, align: "left" },
  { header: "Description", width: 185, align: "left" },
  { header: "Qty", width: 40, align: "right" },
  { header: "Unit price", width: 90, align: "right" },
  { header: "Subtotal", width: 90, align: "right" },
] as const
const TABLE_WIDTH = COLUMNS.reduce((sum, column) => sum + column.width, 0)
const TAX_NOTE = "Taxes are calculated by the region when the order is placed."

export function renderQuotePdf(input: QuotePdfInput): Promise<Buffer> {
  const { quote, version } = input
  const doc = new PDFDocument({
    size: "A4",
    margin: MARGIN,
    // Page footers are written once the page count is known.
    bufferPages: true,
    // The version's own date rather than now, so the same version renders the same bytes.
    info: { Title: `Quote ${quote.id} version ${version.number}`, CreationDate: new Date(version.created_at) },
  })
  const done = collect(doc)

  drawHeading(doc, input)
  drawLines(doc, input)
  drawTotals(doc, input)
  drawFooters(doc, `Quote ${quote.id} - Version ${version.number}`)
  doc.end()
  return done
}

function collect(doc: PDFKit.PDFDocument): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = []
    doc.on("data", (chunk: Buffer) => chunks.push(chunk))
    doc.on("end", () => resolve(Buffer.concat(chunks)))
    doc.on("error", reject)
  })
}

function drawHeading(doc: PDFKit.PDFDocument, { quote, version, company_name, merchant_name }: QuotePdfInput) {
  doc.font(BOLD).fontSize(20).text(`Quote ${quote.id}`)
  doc.font(FONT).fontSize(12).text(`Version ${version.number}`).moveDown()

  const facts = [
    `From: ${merchant_name}`,
    `Prepared for: ${company_name}`,
    quote.po_number ? `PO number: ${quote.po_number}` : null,
    `Issued: ${formatDate(version.sent_at ?? version.created_at)}`,
    version.expires_at ? `Valid until ${formatDate(version.expires_at)}` : "No expiry set",
    `Payment terms: ${formatPaymentTerms(version.payment_terms)}`,
  ]
  doc.fontSize(10)
  for (const fact of facts) if (fact) doc.text(fact)
  doc.moveDown()
}

function drawLines(doc: PDFKit.PDFDocument, { quote, version }: QuotePdfInput) {
  const header = () =>
    drawRow(
      doc,
      COLUMNS.map(({ header, width, align }) => ({ text: header, width, align })),
      BOLD
    )
  header()
  for (const line of version.lines) {
    const texts = [
      line.sku ?? "",
      line.title,
      String(line.quantity),
      formatMoney(line.unit_price_minor, quote.currency_code),
      formatMoney(line.subtotal_minor, quote.currency_code),
    ]
    const cells = COLUMNS.map(({ width, align }, i) => ({ text: texts[i], width, align }))
    // A long table continues on a new page under the column headers again.
    if (!fits(doc, rowHeight(doc, cells, FONT))) {
      doc.addPage()
      header()
    }
    drawRow(doc, cells, FONT)
  }
  doc.moveDown(0.5)
}

function drawTotals(doc: PDFKit.PDFDocument, { quote, version }: QuotePdfInput) {
  const rows = [{ label: "Subtotal", minor: BigInt(version.subtotal_minor), font: FONT }]
  const discount = BigInt(version.discount_minor)
  if (discount !== 0n) rows.push({ label: "Discount", minor: -discount, font: FONT })
  const shipping = version.shipping?.name ? `Shipping (${version.shipping.name})` : "Shipping"
  rows.push({ label: shipping, minor: BigInt(version.shipping_minor), font: FONT })
  rows.push({ label: "Total before tax", minor: BigInt(version.total_minor), font: BOLD })

  const amountWidth = COLUMNS[COLUMNS.length - 1].width
  const cellsOf = (row: (typeof rows)[number]): Cell[] => [
    { text: row.label, width: TABLE_WIDTH - amountWidth, align: "right" },
    { text: formatMoney(row.minor, quote.currency_code), width: amountWidth, align: "right" },
  ]
  // Keep the totals together: a page holding only part of them reads as a different total.
  const height = rows.reduce((sum, row) => sum + rowHeight(doc, cellsOf(row), row.font), 0)
  if (!fits(doc, height)) doc.addPage()
  for (const row of rows) drawRow(doc, cellsOf(row), row.font)

  doc.moveDown().font(FONT).fontSize(9).text(TAX_NOTE, MARGIN, doc.y, { width: TABLE_WIDTH })
  if (version.comment) {
    doc.moveDown().font(BOLD).fontSize(10).text("Comment")
    doc.font(FONT).text(version.comment, { width: TABLE_WIDTH })
  }
}

/** Draws cells side by side at the current y and moves below the tallest (a long title wraps). */
function drawRow(doc: PDFKit.PDFDocument, cells: Cell[], font: string) {
  const height = rowHeight(doc, cells, font)
  const y = doc.y
  let x = MARGIN
  for (const cell of cells) {
    // The gap sits on the side away from the text, so right-aligned amounts line up at the column's edge.
    const left = cell.align === "right" ? x + GAP : x
    doc.text(cell.text, left, y, { width: cell.width - GAP, align: cell.align })
    x += cell.width
  }
  doc.x = MARGIN
  doc.y = y + height + 3
}

function rowHeight(doc: PDFKit.PDFDocument, cells: Cell[], font: string): number {
  doc.font(font).fontSize(9)
  return Math.max(...cells.map((cell) => doc.heightOfString(cell.text, { width: cell.width - GAP })))
}

function fits(doc: PDFKit.PDFDocument, height: number): boolean {
  return doc.y + height <= doc.page.height - doc.page.margins.bottom
}

/** "… - Page 2 of 3" under every page, so a loose page still says which quote it belongs to. */
function drawFooters(doc: PDFKit.PDFDocument, label: string) {
  const { start, count } = doc.bufferedPageRange()
  for (let i = start; i < start + count; i++) {
    doc.switchToPage(i)
    // Writing inside the bottom margin would make pdfkit open a new page; lift the margin while writing.
    const bottom = doc.page.margins.bottom
    doc.page.margins.bottom = 0
    doc
      .font(FONT)
      .fontSize(8)
      .text(`${label} - Page ${i - start + 1} of ${count}`, MARGIN, doc.page.height - bottom + 15, {
        width: TABLE_WIDTH,
        align: "center",
        lineBreak: false,
      })
    doc.page.margins.bottom = bottom
  }
}
