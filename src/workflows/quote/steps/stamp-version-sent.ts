import { createStep, StepResponse } from "@medusajs/framework/workflows-sdk"
import { QUOTE_MODULE } from "../../../modules/quote"
import type QuoteModuleService from "../../../modules/quote/service"
import { quoteConflict } from "../utils/quote-errors"

export type StampVersionSentInput = { quote_id: string; number: number; at: string }

/** Marks a version sent, once (409 if another send won); compensation clears that stamp. */
export const stampVersionSentStep = createStep(
  "stamp-quote-version-sent",
  async (input: StampVersionSentInput, { container }) => {
    const quotes = container.resolve<QuoteModuleService>(QUOTE_MODULE)
    const at = new Date(input.at)
    if (!(await quotes.stampVersionSent({ quote_id: input.quote_id, number: input.number, at }))) {
      throw quoteConflict(
        "quote_version_already_sent",
        `version ${input.number} of quote ${input.quote_id} was already sent`
      )
    }
    return new StepResponse(undefined, input)
  },
  async (input, { container }) => {
    if (!input) return
    const quotes = container.resolve<QuoteModuleService>(QUOTE_MODULE)
    await quotes.unstampVersionSent({ quote_id: input.quote_id, number: input.number, at: new Date(input.at) })
  }
)
