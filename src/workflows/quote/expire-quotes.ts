import { createWorkflow, transform, WorkflowResponse } from "@medusajs/framework/workflows-sdk"
import { recordHubEventsStep } from "../outbox/steps/record-hub-event"
import { findExpiredQuotesStep, markQuotesExpiredStep } from "./steps/expire-quotes"
import { quoteEvent } from "./utils/quote-events"

/**
 * Expires quotes whose sent version ran out before the buyer accepted it,
 * `quote.expired` recorded first for each (a crash in between loses no
 * event). Run every minute by the `quotes-expire` job.
 *
 * @example
 * await expireQuotesWorkflow(container).run({ input: { now: new Date() } })
 */
export const expireQuotesWorkflow = createWorkflow("expire-quotes", (input: { now: Date | string }) => {
  const expired = findExpiredQuotesStep(input)
  recordHubEventsStep(
    transform({ expired }, ({ expired }) => expired.map((e) => quoteEvent("quote.expired", e.quote, e.version)))
  )
  markQuotesExpiredStep(
    transform({ expired, input }, ({ expired, input }) => ({ ids: expired.map((e) => e.quote.id), now: input.now }))
  )
  return new WorkflowResponse(expired)
})
