import { createStep, StepResponse } from "@medusajs/framework/workflows-sdk"
import { QUOTE_MODULE } from "../../../modules/quote"
import type QuoteModuleService from "../../../modules/quote/service"
import type { QuoteGuard, QuotePatch } from "../../../modules/quote/service"
import type { QuoteRow } from "../../../modules/quote/lib/quote-document"
import { quoteConflict } from "../utils/quote-errors"

export type TransitionQuoteStepInput = {
  guard: QuoteGuard
  patch: QuotePatch
  /** The 409 when the guard no longer holds (someone else moved the quote on). */
  refusal: { code: string; message: string }
  /** Restores the row if a later step fails; applied only while the row is as this step left it. */
  undo: QuotePatch
}

/**
 * One guarded change of a quote's state (QuoteModuleService.transitionQuote):
 * it applies only if the quote is still in the state the workflow read, so
 * racing changes cannot both win. Compensation puts back `undo`.
 */
export const transitionQuoteStep = createStep(
  "transition-quote",
  async (input: TransitionQuoteStepInput, { container }) => {
    const quotes = container.resolve<QuoteModuleService>(QUOTE_MODULE)
    const row = await quotes.transitionQuote(input.guard, input.patch)
    if (!row) throw quoteConflict(input.refusal.code, input.refusal.message)
    const status = input.patch.status ? [input.patch.status] : input.guard.status
    return new StepResponse(row as unknown as QuoteRow, { id: input.guard.id, status, undo: input.undo })
  },
  async (done, { container }) => {
    if (!done) return
    const quotes = container.resolve<QuoteModuleService>(QUOTE_MODULE)
    await quotes.transitionQuote({ id: done.id, status: done.status }, done.undo)
  }
)
