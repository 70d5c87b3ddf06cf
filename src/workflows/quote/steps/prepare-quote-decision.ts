import { createStep, StepResponse } from "@medusajs/framework/workflows-sdk"
import type { QuoteStatus } from "../../../modules/quote/lib/quote-vocabulary"
import { quoteConflict } from "../utils/quote-errors"
import { loadQuote, loadQuoteVersion } from "../utils/load-quote"

export type PrepareQuoteDecisionInput = {
  quote_id: string
  /** What the quote must be for the decision (409 `quote_not_open` otherwise). */
  from: QuoteStatus[]
  what: string
}

/** Reads the quote (and its latest sent, else latest, version) before a buyer or staff decision. Reads only. */
export const prepareQuoteDecisionStep = createStep(
  "prepare-quote-decision",
  async (input: PrepareQuoteDecisionInput, { container }) => {
    const quote = await loadQuote(container, input.quote_id)
    if (!input.from.includes(quote.status as QuoteStatus)) {
      throw quoteConflict("quote_not_open", `quote ${quote.id} is ${quote.status}: it cannot be ${input.what}`)
    }
    const version = await loadQuoteVersion(container, quote.id, quote.sent_version ?? quote.latest_version)
    return new StepResponse({ quote, version })
  }
)
