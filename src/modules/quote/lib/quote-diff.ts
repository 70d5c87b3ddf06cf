// What changed between two versions of a quote, for the buyer and staff to read line by line.
import type { QuoteDiff, QuoteLine, QuoteShipping } from "../models/quote-version"

/** The parts of a version a diff compares. */
export type DiffableVersion = {
  number: number
  lines: QuoteLine[]
  discount_minor: unknown
  shipping: QuoteShipping | null
  payment_terms: string
  expires_at: Date | string | null
}

const iso = (d: Date | string | null) => (d ? new Date(d).toISOString() : null)
const minor = (v: unknown) => BigInt(String(v ?? 0)).toString()
/** Shipping in one key order: jsonb hands keys back reordered, and a diff must not see that as a change. */
const shippingKey = (s: QuoteShipping | null) =>
  s ? { shipping_option_id: s.shipping_option_id, name: s.name, amount_minor: minor(s.amount_minor) } : null

/**
 * Lines are matched by variant (a quote holds one line per variant); each
 * is added, removed, or changed in quantity and/or unit price. Terms that
 * changed (discount, shipping, payment terms, expiry) are listed with their
 * old and new values. Lines keep the order of the newer version, removed
 * ones last.
 */
export function diffVersions(previous: DiffableVersion, next: DiffableVersion): QuoteDiff {
  const before = new Map(previous.lines.map((l) => [l.variant_id, l]))
  const after = new Set(next.lines.map((l) => l.variant_id))
  const lines: QuoteDiff["lines"] = []
  for (const line of next.lines) {
    const old = before.get(line.variant_id)
    if (!old) {
      lines.push({
        change: "added",
        variant_id: line.variant_id,
        title: line.title,
        quantity: line.quantity,
        unit_price_minor: line.unit_price_minor,
      })
      continue
    }
    const change: Extract<QuoteDiff["lines"][number], { change: "changed" }> = {
      change: "changed",
      variant_id: line.variant_id,
      title: line.title,
    }
    if (old.quantity !== line.quantity) change.quantity = { from: old.quantity, to: line.quantity }
    if (old.unit_price_minor !== line.unit_price_minor) {
      change.unit_price_minor = { from: old.unit_price_minor, to: line.unit_price_minor }
    }
    if (change.quantity || change.unit_price_minor) lines.push(change)
  }
  for (const old of previous.lines) {
    if (after.has(old.variant_id)) continue
    lines.push({
      change: "removed",
      variant_id: old.variant_id,
      title: old.title,
      quantity: old.quantity,
      unit_price_minor: old.unit_price_minor,
    })
  }

  const terms: QuoteDiff["terms"] = []
  const compare = (field: string, from: unknown, to: unknown) => {
    if (JSON.stringify(from) !== JSON.stringify(to)) terms.push({ field, from, to })
  }
  compare("discount_minor", minor(previous.discount_minor), minor(next.discount_minor))
  compare("shipping", shippingKey(previous.shipping), shippingKey(next.shipping))
  compare("payment_terms", previous.payment_terms, next.payment_terms)
  compare("expires_at", iso(previous.expires_at), iso(next.expires_at))
  return { from_version: previous.number, lines, terms }
}
