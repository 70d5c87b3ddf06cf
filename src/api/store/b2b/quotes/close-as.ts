import type { AuthenticatedMedusaRequest, MedusaResponse } from "@medusajs/framework/http"
import { closeQuoteWorkflow, type QuoteDecision } from "../../../../workflows/quote/close-quote"
import type { QuoteReasonBodyType } from "../../../utils/quote-validators"
import { quoteView } from "../../../utils/quote-view"
import { visibleQuote } from "./caller"

/** POST /store/b2b/quotes/:id/reject|request-revision { message } — the buyer's answer to the version on offer. */
export function buyerClosesAs(decision: Extract<QuoteDecision, "reject" | "request_revision">) {
  return async (req: AuthenticatedMedusaRequest<QuoteReasonBodyType>, res: MedusaResponse) => {
    const { caller, quote } = await visibleQuote(req, req.params.id)
    const { result } = await closeQuoteWorkflow(req.scope).run({
      input: {
        quote_id: quote.id,
        decision,
        author: { type: "employee", id: caller.employee.id },
        message: req.validatedBody.message ?? null,
      },
    })
    res.json({ quote: await quoteView(req.scope, result, "buyer") })
  }
}
