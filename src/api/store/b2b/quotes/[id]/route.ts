import type { AuthenticatedMedusaRequest, MedusaResponse } from "@medusajs/framework/http"
import { quoteView } from "../../../../utils/quote-view"
import { visibleQuote } from "../caller"

/** GET /store/b2b/quotes/:id — the quote, every version sent so far with its diff, and the thread. */
export async function GET(req: AuthenticatedMedusaRequest, res: MedusaResponse) {
  const { quote } = await visibleQuote(req, req.params.id)
  res.json({ quote: await quoteView(req.scope, quote, "buyer") })
}
