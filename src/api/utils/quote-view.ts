// The quote as the APIs serve it: the quote, the versions its audience may see (each with its diff), and the thread.
import type { MedusaContainer } from "@medusajs/framework/types"
import {
  toQuoteDocument,
  toQuoteMessageDocument,
  toQuoteVersionDocument,
  visibleToBuyer,
  type QuoteRow,
} from "../../modules/quote/lib/quote-document"
import { loadQuoteHistory } from "../../workflows/quote/utils/load-quote"

export type QuoteAudience = "buyer" | "staff"

export async function quoteView(container: MedusaContainer, quote: QuoteRow, audience: QuoteAudience) {
  const { versions, messages } = await loadQuoteHistory(container, quote.id)
  const shown = audience === "staff" ? versions : versions.filter((v) => visibleToBuyer(quote, v.number))
  return {
    ...toQuoteDocument(quote),
    versions: shown.map(toQuoteVersionDocument),
    messages: messages.map(toQuoteMessageDocument),
  }
}
