import { inputToMinor, minorToInput } from "./money-input"
import type { QuoteVersion } from "./types"

/** A line as the revise form edits it: text fields as typed; an empty price means "the contract's". */
export type DraftLine = {
  variant_id: string
  title: string
  sku: string | null
  quantity: string
  price: string
  /** The contract's price when the line was last priced (absent for a line just added). */
  contract_unit_price_minor?: string
}

export type ReviseDraft = {
  lines: DraftLine[]
  discount: string
  /** A shipping option id, or "" for no shipping. */
  shipping_option_id: string
  shipping_amount: string
  payment_terms: string
  /** YYYY-MM-DD, or "" for none. */
  expires_on: string
  comment: string
}

export type ReviseBody = {
  lines?: { variant_id: string; quantity: number; unit_price_minor?: string }[]
  discount_minor?: string
  shipping?: { shipping_option_id: string; amount_minor: string } | null
  payment_terms?: string
  expires_at?: string
  comment?: string
  /** The version the form started from: the API refuses (409) if another revision landed since. */
  based_on_version?: number
}

/** The form's starting point: the latest version as it stands. */
export function draftFrom(version: QuoteVersion, currency: string): ReviseDraft {
  return {
    lines: version.lines.map((l) => ({
      variant_id: l.variant_id,
      title: l.title,
      sku: l.sku,
      quantity: String(l.quantity),
      price: minorToInput(l.unit_price_minor, currency),
      contract_unit_price_minor: l.contract_unit_price_minor,
    })),
    discount: minorToInput(version.discount_minor, currency),
    shipping_option_id: version.shipping?.shipping_option_id ?? "",
    shipping_amount: version.shipping ? minorToInput(version.shipping.amount_minor, currency) : "",
    payment_terms: version.payment_terms,
    expires_on: version.expires_at ? version.expires_at.slice(0, 10) : "",
    comment: "",
  }
}

/**
 * The revision to send: only what differs from the latest version (the API
 * keeps the rest), with every amount read exactly into minor units. Amounts
 * that are not amounts come back as errors naming the field, as the API
 * names its own. Quantities go as typed: the API says what is wrong with them.
 */
export function reviseBody(
  draft: ReviseDraft,
  previous: QuoteVersion,
  currency: string
): { body: ReviseBody; errors: string[] } {
  const errors: string[] = []
  const body: ReviseBody = { based_on_version: previous.number }
  const amount = (text: string, field: string) => {
    const read = inputToMinor(text, currency, field)
    if ("error" in read) errors.push(read.error)
    return "minor" in read ? read.minor : undefined
  }

  // An empty price is the contract's: as last priced for a line the quote had, priced by the API for a new one.
  const lines = draft.lines.map((line, index) => {
    const unit = line.price.trim() ? amount(line.price, `lines[${index}] unit price`) : line.contract_unit_price_minor
    return {
      variant_id: line.variant_id,
      quantity: Number(line.quantity.trim()),
      ...(unit !== undefined ? { unit_price_minor: unit } : {}),
    }
  })
  const before = previous.lines
  const linesChanged =
    lines.length !== before.length ||
    lines.some(
      (l, i) =>
        l.variant_id !== before[i].variant_id ||
        l.quantity !== before[i].quantity ||
        (l.unit_price_minor ?? null) !== before[i].unit_price_minor
    )
  if (linesChanged) body.lines = lines

  const discount = draft.discount.trim() ? amount(draft.discount, "discount") : "0"
  if (discount !== undefined && discount !== previous.discount_minor) body.discount_minor = discount

  if (!draft.shipping_option_id) {
    if (previous.shipping) body.shipping = null
  } else {
    const shipping = amount(draft.shipping_amount || "0", "shipping amount")
    if (
      shipping !== undefined &&
      (draft.shipping_option_id !== previous.shipping?.shipping_option_id ||
        shipping !== previous.shipping?.amount_minor)
    )
      body.shipping = { shipping_option_id: draft.shipping_option_id, amount_minor: shipping }
  }

  if (draft.payment_terms !== previous.payment_terms) body.payment_terms = draft.payment_terms
  if (draft.expires_on && draft.expires_on !== (previous.expires_at ?? "").slice(0, 10))
    body.expires_at = `${draft.expires_on}T23:59:59Z`
  if (draft.comment.trim()) body.comment = draft.comment.trim()
  return { body, errors }
}
