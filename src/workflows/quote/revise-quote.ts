import { createWorkflow, transform, WorkflowResponse } from "@medusajs/framework/workflows-sdk"
import { REVISABLE_STATUSES } from "../../modules/quote/lib/quote-vocabulary"
import { prepareQuoteRevisionStep, type PrepareQuoteRevisionInput } from "./steps/prepare-quote-revision"
import { createQuoteVersionStep } from "./steps/create-quote-records"
import { transitionQuoteStep } from "./steps/transition-quote"

export type ReviseQuoteWorkflowInput = PrepareQuoteRevisionInput

/**
 * Staff revise a quote: a new immutable version (lines, prices, discount,
 * shipping, terms, expiry) with who, when, a comment and the diff against
 * the previous one. The buyer sees it once it is sent (sendQuoteWorkflow).
 * Two racing revisions cannot both land (the version number is unique and
 * the quote's latest_version advances only from the one read). Used by
 * `POST /admin/quotes/:id/versions`.
 *
 * @example
 * await reviseQuoteWorkflow(container).run({ input: { quote_id, user_id, lines: [{ variant_id, quantity: 50, unit_price_minor: "1800" }] } })
 */
export const reviseQuoteWorkflow = createWorkflow("revise-quote", (input: ReviseQuoteWorkflowInput) => {
  const prepared = prepareQuoteRevisionStep(input)
  const version = createQuoteVersionStep(transform({ prepared }, ({ prepared }) => prepared.version))
  const quote = transitionQuoteStep(
    transform({ prepared }, ({ prepared }) => ({
      guard: { id: prepared.quote.id, status: REVISABLE_STATUSES, latest_version: prepared.quote.latest_version },
      patch: { latest_version: prepared.version.number },
      refusal: {
        code: "quote_changed",
        message: `quote ${prepared.quote.id} changed while it was being revised; read it again`,
      },
      undo: { latest_version: prepared.quote.latest_version },
    }))
  )
  return new WorkflowResponse(transform({ quote, version }, ({ quote, version }) => ({ quote, version })))
})
