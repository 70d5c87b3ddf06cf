import type { AuthenticatedMedusaRequest, MedusaResponse } from "@medusajs/framework/http"
import { sendQuoteWorkflow } from "../../../../../workflows/quote/send-quote"
import { quoteView } from "../../../../utils/quote-view"

/** POST /admin/quotes/:id/send { version? } — the latest version goes to the buyer (409 if `version` is not the latest). */
export async function POST(req: AuthenticatedMedusaRequest<{ version?: number }>, res: MedusaResponse) {
  const { result } = await sendQuoteWorkflow(req.scope).run({
    input: { quote_id: req.params.id, version: req.validatedBody.version },
  })
  res.json({ quote: await quoteView(req.scope, result, "staff") })
}
