import type { AuthenticatedMedusaRequest, MedusaResponse } from "@medusajs/framework/http"
import { closeQuoteWorkflow } from "../../../../../workflows/quote/close-quote"
import type { QuoteReasonBodyType } from "../../../../utils/quote-validators"
import { quoteView } from "../../../../utils/quote-view"

/** POST /admin/quotes/:id/withdraw { message? } — staff take back a quote still open. */
export async function POST(req: AuthenticatedMedusaRequest<QuoteReasonBodyType>, res: MedusaResponse) {
  const { result } = await closeQuoteWorkflow(req.scope).run({
    input: {
      quote_id: req.params.id,
      decision: "withdraw",
      author: { type: "user", id: req.auth_context.actor_id },
      message: req.validatedBody.message ?? null,
    },
  })
  res.json({ quote: await quoteView(req.scope, result, "staff") })
}
