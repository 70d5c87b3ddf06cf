import { createWorkflow, transform, WorkflowResponse } from "@medusajs/framework/workflows-sdk"
import { createQuoteMessageStep } from "./steps/create-quote-records"
import { loadQuoteStep } from "./steps/load-quote"

export type PostQuoteMessageWorkflowInput = {
  quote_id: string
  author: { type: "employee" | "user"; id: string }
  body: string
  /** The version the message is about (defaults to the latest). */
  version?: number
}

/**
 * A message in a quote's thread, from the buyer's side or staff. Messages
 * are never edited. Used by `POST /store/b2b/quotes/:id/messages` and
 * `POST /admin/quotes/:id/messages`.
 *
 * @example
 * await postQuoteMessageWorkflow(container).run({ input: { quote_id, author: { type: "user", id }, body: "Can do 50 at 18.00" } })
 */
export const postQuoteMessageWorkflow = createWorkflow("post-quote-message", (input: PostQuoteMessageWorkflowInput) => {
  const quote = loadQuoteStep(
    transform({ input }, ({ input }) => ({ quote_id: input.quote_id, version: input.version }))
  )
  const message = createQuoteMessageStep(
    transform({ input, quote }, ({ input, quote }) => ({
      quote_id: quote.id,
      author_type: input.author.type,
      author_id: input.author.id,
      body: input.body.trim(),
      version: input.version ?? quote.latest_version,
    }))
  )
  return new WorkflowResponse(message)
})
