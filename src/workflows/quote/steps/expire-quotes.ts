import { createStep, StepResponse } from "@medusajs/framework/workflows-sdk"
import { QUOTE_MODULE } from "../../../modules/quote"
import type QuoteModuleService from "../../../modules/quote/service"
import type { QuoteRow, QuoteVersionRow } from "../../../modules/quote/lib/quote-document"
import { loadQuote, loadQuoteVersion } from "../utils/load-quote"

/** How many quotes one run expires (the job runs every minute; the rest wait for the next run). */
const BATCH = 200

/**
 * Quotes whose sent version ran out by `now`, each as it will read once
 * expired (for the event). Reads only. Acceptance is refused from the same
 * instant (its guard), so a quote found here cannot be accepted meanwhile.
 */
export const findExpiredQuotesStep = createStep(
  "find-expired-quotes",
  async (input: { now: Date | string }, { container }) => {
    const quotes = container.resolve<QuoteModuleService>(QUOTE_MODULE)
    const now = new Date(input.now)
    const ids = await quotes.listExpiredQuoteIds(now, BATCH)
    const found: { quote: QuoteRow; version: QuoteVersionRow }[] = []
    for (const id of ids) {
      const quote = await loadQuote(container, id)
      const version = await loadQuoteVersion(container, id, quote.sent_version!)
      found.push({ quote: { ...quote, status: "expired", closed_at: now.toISOString() }, version })
    }
    return new StepResponse(found)
  }
)

/**
 * Marks them expired, each in a guarded update (still quoted, expired by
 * `now`). Not undone: it is the last step, and the events it follows are
 * recorded with dedupe keys, so a rerun after a crash records nothing twice.
 */
export const markQuotesExpiredStep = createStep(
  "mark-quotes-expired",
  async (input: { ids: string[]; now: Date | string }, { container }) => {
    const quotes = container.resolve<QuoteModuleService>(QUOTE_MODULE)
    for (const id of input.ids) {
      await quotes.transitionQuote(
        { id, status: ["quoted"], expired_by: input.now },
        { status: "expired", closed_at: input.now }
      )
    }
    return new StepResponse(input.ids.length)
  }
)
