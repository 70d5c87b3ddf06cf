import type { AuthenticatedMedusaRequest, MedusaResponse } from "@medusajs/framework/http"
import { loadQuote } from "../../../../workflows/quote/utils/load-quote"
import { quoteView } from "../../../utils/quote-view"

/** GET /admin/quotes/:id — the quote with every version (drafts not yet sent included) and the thread. */
export async function GET(req: AuthenticatedMedusaRequest, res: MedusaResponse) {
  const quote = await loadQuote(req.scope, req.params.id)
  res.json({ quote: await quoteView(req.scope, quote, "staff") })
}
