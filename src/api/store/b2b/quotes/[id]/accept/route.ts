import type { AuthenticatedMedusaRequest, MedusaResponse } from "@medusajs/framework/http"
import { acceptQuoteWorkflow } from "../../../../../../workflows/quote/accept-quote"
import type { StoreAcceptQuoteBodyType } from "../../../../../utils/quote-validators"
import { quoteView } from "../../../../../utils/quote-view"
import { visibleQuote } from "../../caller"

/**
 * POST /store/b2b/quotes/:id/accept { version, shipping_address? } — places
 * the order at the quoted prices (`order_id`), or submits it for approval
 * when the company's rules ask (`status: pending_approval`,
 * `approval_request_id`). The order is the requester's, so their role,
 * spending limit and the company's approval rules apply as at checkout.
 */
export async function POST(req: AuthenticatedMedusaRequest<StoreAcceptQuoteBodyType>, res: MedusaResponse) {
  const { quote } = await visibleQuote(req, req.params.id)
  const { result } = await acceptQuoteWorkflow(req.scope).run({
    input: {
      quote_id: quote.id,
      version: req.validatedBody.version,
      shipping_address: req.validatedBody.shipping_address ?? null,
    },
  })
  res.json({ quote: await quoteView(req.scope, result, "buyer") })
}
