import { createWorkflow, transform, WorkflowResponse } from "@medusajs/framework/workflows-sdk"
import { REVISABLE_STATUSES } from "../../modules/quote/lib/quote-vocabulary"
import { recordHubEventStep } from "../outbox/steps/record-hub-event"
import { prepareQuoteSendStep, type PrepareQuoteSendInput } from "./steps/prepare-quote-send"
import { stampVersionSentStep } from "./steps/stamp-version-sent"
import { transitionQuoteStep } from "./steps/transition-quote"
import { quoteEvent } from "./utils/quote-events"

export type SendQuoteWorkflowInput = PrepareQuoteSendInput

/**
 * Staff send the latest version: the buyer may accept it until its expiry
 * (status `quoted`), and `quote.sent` is recorded. A version is sent once.
 * Used by `POST /admin/quotes/:id/send`.
 *
 * @example
 * await sendQuoteWorkflow(container).run({ input: { quote_id, version: 3 } })
 */
export const sendQuoteWorkflow = createWorkflow("send-quote", (input: SendQuoteWorkflowInput) => {
  const prepared = prepareQuoteSendStep(input)
  stampVersionSentStep(
    transform({ prepared }, ({ prepared }) => ({
      quote_id: prepared.quote.id,
      number: prepared.version.number,
      at: prepared.sent_at,
    }))
  )
  const quote = transitionQuoteStep(
    transform({ prepared }, ({ prepared }) => {
      const { quote, version, sent_at } = prepared
      return {
        guard: { id: quote.id, status: REVISABLE_STATUSES, latest_version: version.number },
        patch: { status: "quoted" as const, sent_version: version.number, sent_at, expires_at: version.expires_at },
        refusal: { code: "quote_changed", message: `quote ${quote.id} changed while it was being sent; read it again` },
        undo: {
          status: quote.status as "requested",
          sent_version: quote.sent_version ?? null,
          sent_at: quote.sent_at ?? null,
          expires_at: quote.expires_at ?? null,
        },
      }
    })
  )
  recordHubEventStep(
    transform({ quote, prepared }, ({ quote, prepared }) => quoteEvent("quote.sent", quote, prepared.version))
  )
  return new WorkflowResponse(quote)
})
