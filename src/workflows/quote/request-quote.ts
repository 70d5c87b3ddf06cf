import { createWorkflow, transform, when, WorkflowResponse } from "@medusajs/framework/workflows-sdk"
import { recordHubEventStep } from "../outbox/steps/record-hub-event"
import { prepareQuoteRequestStep, type PrepareQuoteRequestInput } from "./steps/prepare-quote-request"
import { createQuoteMessageStep, createQuoteStep, createQuoteVersionStep } from "./steps/create-quote-records"
import { quoteEvent } from "./utils/quote-events"

export type RequestQuoteWorkflowInput = PrepareQuoteRequestInput

/**
 * A buyer asks for a quote, from one of their carts or from variants/SKUs:
 * the quote (status `requested`), version 1 at the contract's prices with
 * their explanations, the buyer's message, and `quote.requested`.
 * Compensation deletes what was created. Used by `POST /store/b2b/quotes`.
 *
 * @example
 * const { result } = await requestQuoteWorkflow(container).run({ input: { customer_id, cart_id, message: "Volume price?" } })
 */
export const requestQuoteWorkflow = createWorkflow("request-quote", (input: RequestQuoteWorkflowInput) => {
  const prepared = prepareQuoteRequestStep(input)
  const quote = createQuoteStep(transform({ prepared }, ({ prepared }) => prepared.quote))
  const version = createQuoteVersionStep(
    transform({ prepared, quote }, ({ prepared, quote }) => ({ ...prepared.version, quote_id: quote.id }))
  )
  when("quote-request-message", { prepared }, ({ prepared }) => !!prepared.message).then(() => {
    createQuoteMessageStep(
      transform({ prepared, quote }, ({ prepared, quote }) => ({
        quote_id: quote.id,
        author_type: "employee" as const,
        author_id: prepared.author_id,
        body: prepared.message!,
        version: 1,
      }))
    )
  })
  recordHubEventStep(
    transform({ quote, version }, ({ quote, version }) => quoteEvent("quote.requested", quote, version))
  )
  return new WorkflowResponse(quote)
})
