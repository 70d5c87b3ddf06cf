import { createWorkflow, transform, when, WorkflowResponse } from "@medusajs/framework/workflows-sdk"
import { OPEN_STATUSES, type QuoteStatus } from "../../modules/quote/lib/quote-vocabulary"
import { recordHubEventStep } from "../outbox/steps/record-hub-event"
import { prepareQuoteDecisionStep } from "./steps/prepare-quote-decision"
import { createQuoteMessageStep } from "./steps/create-quote-records"
import { transitionQuoteStep } from "./steps/transition-quote"
import { quoteEvent } from "./utils/quote-events"

/** A decision that moves a quote on without an order. */
export type QuoteDecision = "reject" | "request_revision" | "withdraw"

export type CloseQuoteWorkflowInput = {
  quote_id: string
  decision: QuoteDecision
  /** Who decides: the buyer (employee) rejects or asks for a revision, staff (user) withdraw. */
  author: { type: "employee" | "user"; id: string }
  message?: string | null
}

const RULES: Record<QuoteDecision, { from: QuoteStatus[]; to: QuoteStatus; what: string; closes: boolean }> = {
  reject: { from: ["quoted"], to: "rejected", what: "rejected", closes: true },
  request_revision: { from: ["quoted"], to: "revision_requested", what: "sent back for revision", closes: false },
  withdraw: { from: [...OPEN_STATUSES], to: "withdrawn", what: "withdrawn", closes: true },
}

/**
 * The buyer rejects the version on offer (`quote.rejected`) or asks staff
 * for another (back to staff, who revise and send again); staff withdraw a
 * quote still open. The reason goes to the thread. One guarded update, so a
 * racing acceptance and rejection cannot both win (409). Used by the store
 * `…/reject`, `…/request-revision` and admin `…/withdraw` routes.
 *
 * @example
 * await closeQuoteWorkflow(container).run({ input: { quote_id, decision: "reject", author: { type: "employee", id }, message: "Too dear" } })
 */
export const closeQuoteWorkflow = createWorkflow("close-quote", (input: CloseQuoteWorkflowInput) => {
  const rule = transform({ input }, ({ input }) => RULES[input.decision])
  const prepared = prepareQuoteDecisionStep(
    transform({ input, rule }, ({ input, rule }) => ({ quote_id: input.quote_id, from: rule.from, what: rule.what }))
  )
  const quote = transitionQuoteStep(
    transform({ prepared, rule }, ({ prepared, rule }) => ({
      guard: { id: prepared.quote.id, status: [prepared.quote.status as QuoteStatus] },
      patch: { status: rule.to, ...(rule.closes ? { closed_at: new Date().toISOString() } : {}) },
      refusal: { code: "quote_changed", message: `quote ${prepared.quote.id} changed meanwhile; read it again` },
      undo: { status: prepared.quote.status as QuoteStatus, closed_at: null },
    }))
  )
  when("quote-decision-message", { input }, ({ input }) => !!input.message?.trim()).then(() => {
    createQuoteMessageStep(
      transform({ input, prepared }, ({ input, prepared }) => ({
        quote_id: input.quote_id,
        author_type: input.author.type,
        author_id: input.author.id,
        body: input.message!.trim(),
        version: prepared.version.number,
      }))
    )
  })
  when("quote-rejected", { input }, ({ input }) => input.decision === "reject").then(() => {
    recordHubEventStep(
      transform({ quote, prepared }, ({ quote, prepared }) => quoteEvent("quote.rejected", quote, prepared.version))
    )
  })
  return new WorkflowResponse(quote)
})
