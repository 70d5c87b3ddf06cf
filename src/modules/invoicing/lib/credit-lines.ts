/**
 * What a credit note (a return's or an order edit's) credits per order line —
 * the credit_note.lines JSON, the one format both write and read:
 * `[{ line_id, quantity, net_minor, tax_minor, tax_lines? }]`, ISO minor units
 * as strings. `quantity` is the units the note takes off the line (0 for a
 * credit of money only); `tax_lines` splits `tax_minor` over the line's tax
 * lines (rate + code, as the invoice's money model names them) so the next
 * note of the same line knows what each rate has left. Notes without per-line
 * credit (a refund, a note made on Stripe's dashboard) store null.
 */
export type CreditTax = { rate: string; code: string | null; amount_minor: bigint }

export type CreditLine = {
  line_id: string
  quantity: number
  net_minor: bigint
  tax_minor: bigint
  /** Absent on notes written without the split (the tax is then spread by the billed rates). */
  tax_lines?: CreditTax[]
}

export type CreditLineJson = {
  line_id: string
  quantity: number
  net_minor: string
  tax_minor: string
  tax_lines?: { rate: string; code: string | null; amount_minor: string }[]
}

export function creditLinesToJson(lines: CreditLine[]): CreditLineJson[] {
  return lines.map((l) => ({
    line_id: l.line_id,
    quantity: l.quantity,
    net_minor: l.net_minor.toString(),
    tax_minor: l.tax_minor.toString(),
    ...(l.tax_lines
      ? { tax_lines: l.tax_lines.map((t) => ({ rate: t.rate, code: t.code, amount_minor: t.amount_minor.toString() })) }
      : {}),
  }))
}

/** A stored line, read defensively: older notes may hold numbers where strings are written now. */
type StoredCreditLine = {
  line_id?: unknown
  quantity?: unknown
  net_minor?: unknown
  tax_minor?: unknown
  tax_lines?: { rate?: unknown; code?: string | null; amount_minor?: unknown }[] | null
}

/** Null for notes that credit no line (refunds, amount-only notes). */
export function creditLinesFromJson(raw: unknown): CreditLine[] | null {
  if (!Array.isArray(raw)) return null
  return (raw as StoredCreditLine[]).map((l) => ({
    line_id: String(l.line_id),
    quantity: Number(l.quantity ?? 0),
    net_minor: BigInt(String(l.net_minor ?? 0)),
    tax_minor: BigInt(String(l.tax_minor ?? 0)),
    ...(Array.isArray(l.tax_lines)
      ? {
          tax_lines: l.tax_lines.map((t) => ({
            rate: String(t.rate),
            code: t.code ?? null,
            amount_minor: BigInt(String(t.amount_minor ?? 0)),
          })),
        }
      : {}),
  }))
}

/** Σ net + tax of the lines: what they are worth to the buyer. */
export function creditLinesTotal(lines: CreditLine[]): bigint {
  return lines.reduce((s, l) => s + l.net_minor + l.tax_minor, 0n)
}

/** The key a tax line is matched by across the invoice's model and the notes. */
export const taxKey = (t: { rate: string; code: string | null }) => `${t.rate}|${t.code ?? ""}`
