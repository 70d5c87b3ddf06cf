import { createStep, StepResponse } from "@medusajs/framework/workflows-sdk"
import { REVISABLE_STATUSES, type QuoteStatus } from "../../../modules/quote/lib/quote-vocabulary"
import { invalidQuoteField, quoteConflict } from "../utils/quote-errors"
import { loadQuote, loadQuoteVersion } from "../utils/load-quote"

export type PrepareQuoteSendInput = { quote_id: string; version?: number }

/**
 * What sending needs: the quote open to revision and its latest version
 * (sending an older one is a 409 naming the latest), with shipping and an expiry still
 * ahead (400 `expires_at` otherwise: revise it first). Reads only.
 */
export const prepareQuoteSendStep = createStep(
  "prepare-quote-send",
  async (input: PrepareQuoteSendInput, { container }) => {
    const quote = await loadQuote(container, input.quote_id)
    if (!REVISABLE_STATUSES.includes(quote.status as QuoteStatus)) {
      throw quoteConflict("quote_not_open", `quote ${quote.id} is ${quote.status}: nothing can be sent`)
    }
    if (input.version !== undefined && input.version !== quote.latest_version) {
      throw quoteConflict(
        "quote_version_superseded",
        `version ${input.version} of quote ${quote.id} is not its latest (${quote.latest_version})`
      )
    }
    if (quote.sent_version === quote.latest_version) {
      throw quoteConflict(
        "quote_version_already_sent",
        `version ${quote.latest_version} of quote ${quote.id} was already sent`
      )
    }
    const version = await loadQuoteVersion(container, quote.id, quote.latest_version)
    // An order needs a way to ship: a quote from SKUs gets its delivery cost from staff before it is sent.
    if (!version.shipping) {
      throw invalidQuoteField(
        "shipping",
        `version ${version.number} states no shipping; revise it with a shipping option and amount`
      )
    }
    if (!version.expires_at || new Date(version.expires_at).getTime() <= Date.now()) {
      throw invalidQuoteField(
        "expires_at",
        `version ${version.number} has no expiry ahead; revise the quote with an expires_at in the future`
      )
    }
    return new StepResponse({ quote, version, sent_at: new Date().toISOString() })
  }
)
