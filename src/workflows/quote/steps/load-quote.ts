import { createStep, StepResponse } from "@medusajs/framework/workflows-sdk"
import { invalidQuoteField } from "../utils/quote-errors"
import { loadQuote } from "../utils/load-quote"

/** Reads a quote (404 if there is none); with `version`, checks the version exists. Reads only. */
export const loadQuoteStep = createStep(
  "load-quote",
  async (input: { quote_id: string; version?: number }, { container }) => {
    const quote = await loadQuote(container, input.quote_id)
    if (input.version !== undefined && (input.version < 1 || input.version > quote.latest_version)) {
      throw invalidQuoteField("version", `quote ${quote.id} has versions 1 to ${quote.latest_version}`)
    }
    return new StepResponse(quote)
  }
)
