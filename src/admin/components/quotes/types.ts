// The quote API's answers as the dashboard reads them (src/api/admin/quotes, modules/quote/lib/quote-document.ts).
// Every amount is integer minor units as a string.

export const QUOTE_STATUSES = [
  "requested",
  "revision_requested",
  "quoted",
  "pending_approval",
  "accepted",
  "rejected",
  "expired",
  "withdrawn",
] as const
export type QuoteStatus = (typeof QUOTE_STATUSES)[number]

/** Staff may revise and send, withdraw and write, while the buyer has not decided. */
export const OPEN_STATUSES: readonly QuoteStatus[] = ["requested", "revision_requested", "quoted"]

export const PAYMENT_TERMS = ["due_on_receipt", "net_7", "net_15", "net_30", "net_45", "net_60", "net_90"] as const

export type QuoteLine = {
  variant_id: string
  sku: string | null
  title: string
  quantity: number
  contract_unit_price_minor: string
  unit_price_minor: string
  subtotal_minor: string
  explanation: string | null
}

export type QuoteShipping = { shipping_option_id: string; name: string; amount_minor: string }

export type QuoteDiffLine =
  | { change: "added" | "removed"; variant_id: string; title: string; quantity: number; unit_price_minor: string }
  | {
      change: "changed"
      variant_id: string
      title: string
      quantity?: { from: number; to: number }
      unit_price_minor?: { from: string; to: string }
    }

export type QuoteDiff = {
  from_version: number
  lines: QuoteDiffLine[]
  terms: { field: string; from: unknown; to: unknown }[]
}

export type QuoteVersion = {
  number: number
  lines: QuoteLine[]
  subtotal_minor: string
  discount_minor: string
  shipping: QuoteShipping | null
  shipping_minor: string
  total_minor: string
  payment_terms: string
  expires_at: string | null
  author_type: "employee" | "user"
  author_id: string
  comment: string | null
  diff: QuoteDiff | null
  sent_at: string | null
  created_at: string
}

export type QuoteMessage = {
  id: string
  author_type: "employee" | "user"
  author_id: string
  body: string
  version: number | null
  created_at: string
}

export type Quote = {
  id: string
  company_id: string
  customer_id: string
  employee_id: string
  status: QuoteStatus
  currency_code: string
  region_id: string
  po_number: string | null
  latest_version: number
  sent_version: number | null
  sent_at: string | null
  expires_at: string | null
  accepted_version: number | null
  approval_request_id: string | null
  order_id: string | null
  closed_at: string | null
  created_at: string
  updated_at: string
}

export type QuoteWithHistory = Quote & { versions: QuoteVersion[]; messages: QuoteMessage[] }

export type QuoteListResponse = { quotes: Quote[]; count: number; limit: number; offset: number }
export type QuoteResponse = { quote: QuoteWithHistory }

export const termsLabel = (terms: string) =>
  terms === "due_on_receipt" ? "Due on receipt" : terms.replace("net_", "Net ")
