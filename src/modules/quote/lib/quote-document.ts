// A quote as buyers, staff and partners see it (one shape everywhere): amounts as integer strings, dates as ISO strings.
import type { QuoteDiff, QuoteLine, QuoteShipping } from "../models/quote-version"

export type QuoteRow = {
  id: string
  company_id: string
  customer_id: string
  employee_id: string
  currency_code: string
  region_id: string
  po_number?: string | null
  status: string
  latest_version: number
  sent_version?: number | null
  sent_at?: Date | string | null
  expires_at?: Date | string | null
  accepted_version?: number | null
  cart_id?: string | null
  approval_request_id?: string | null
  order_id?: string | null
  closed_at?: Date | string | null
  created_at: Date | string
  updated_at: Date | string
}

export type QuoteVersionRow = {
  number: number
  lines: QuoteLine[]
  subtotal_minor: unknown
  discount_minor: unknown
  shipping: QuoteShipping | null
  shipping_minor: unknown
  total_minor: unknown
  payment_terms: string
  expires_at: Date | string | null
  author_type: string
  author_id: string
  comment: string | null
  diff: QuoteDiff | null
  sent_at: Date | string | null
  created_at: Date | string
}

export type QuoteMessageRow = {
  id: string
  author_type: string
  author_id: string
  body: string
  version: number | null
  created_at: Date | string
}

const iso = (d: Date | string | null | undefined) => (d ? new Date(d).toISOString() : null)
const minor = (v: unknown) => BigInt(String(v ?? 0)).toString()

export function toQuoteDocument(row: QuoteRow) {
  return {
    id: row.id,
    company_id: row.company_id,
    customer_id: row.customer_id,
    employee_id: row.employee_id,
    status: row.status,
    currency_code: row.currency_code,
    region_id: row.region_id,
    po_number: row.po_number ?? null,
    latest_version: row.latest_version,
    /** The version the buyer may accept (until expires_at), null before staff send one. */
    sent_version: row.sent_version ?? null,
    sent_at: iso(row.sent_at),
    expires_at: iso(row.expires_at),
    accepted_version: row.accepted_version ?? null,
    approval_request_id: row.approval_request_id ?? null,
    order_id: row.order_id ?? null,
    closed_at: iso(row.closed_at),
    created_at: iso(row.created_at)!,
    updated_at: iso(row.updated_at)!,
  }
}
export type QuoteDocument = ReturnType<typeof toQuoteDocument>

export function toQuoteVersionDocument(row: QuoteVersionRow) {
  return {
    number: row.number,
    lines: row.lines,
    subtotal_minor: minor(row.subtotal_minor),
    discount_minor: minor(row.discount_minor),
    shipping: row.shipping,
    shipping_minor: minor(row.shipping_minor),
    /** Before tax: the region's taxes are added when the order is placed. */
    total_minor: minor(row.total_minor),
    payment_terms: row.payment_terms,
    expires_at: iso(row.expires_at),
    author_type: row.author_type,
    author_id: row.author_id,
    comment: row.comment,
    /** Against the version before (null for version 1). */
    diff: row.diff,
    sent_at: iso(row.sent_at),
    created_at: iso(row.created_at)!,
  }
}
export type QuoteVersionDocument = ReturnType<typeof toQuoteVersionDocument>

export function toQuoteMessageDocument(row: QuoteMessageRow) {
  return {
    id: row.id,
    author_type: row.author_type,
    author_id: row.author_id,
    body: row.body,
    version: row.version,
    created_at: iso(row.created_at)!,
  }
}

/**
 * Which versions the buyer sees: the history up to the latest version staff
 * sent (version 1 is the buyer's own request). Later versions are staff
 * drafts until sent.
 */
export function visibleToBuyer(quote: Pick<QuoteRow, "sent_version">, versionNumber: number): boolean {
  return versionNumber <= Math.max(1, quote.sent_version ?? 1)
}
