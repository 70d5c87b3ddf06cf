// Hub events of quotes: one shape (the quote and the version concerned), one dedupe key per fact.
import {
  toQuoteDocument,
  toQuoteVersionDocument,
  type QuoteRow,
  type QuoteVersionRow,
} from "../../../modules/quote/lib/quote-document"
import type { RecordHubEventStepInput } from "../../outbox/steps/record-hub-event"

export type QuoteEventType = "quote.requested" | "quote.sent" | "quote.accepted" | "quote.rejected" | "quote.expired"

/** What makes the fact unique: a version is sent once; an acceptance is one cart (a rejected approval lets the buyer accept again). */
function factOf(type: QuoteEventType, quote: QuoteRow, version: QuoteVersionRow): string {
  if (type === "quote.sent") return String(version.number)
  if (type === "quote.accepted") return quote.cart_id ?? String(version.number)
  return "once"
}

export function quoteEvent(type: QuoteEventType, quote: QuoteRow, version: QuoteVersionRow): RecordHubEventStepInput {
  return {
    type,
    resource_type: "quote",
    resource_id: quote.id,
    dedupe_key: `${type}:${quote.id}:${factOf(type, quote, version)}`,
    data: { quote: toQuoteDocument(quote), version: toQuoteVersionDocument(version) },
  }
}
