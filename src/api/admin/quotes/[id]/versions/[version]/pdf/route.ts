import type { AuthenticatedMedusaRequest, MedusaResponse } from "@medusajs/framework/http"
import { loadQuote } from "../../../../../../../workflows/quote/utils/load-quote"
import { sendQuotePdf } from "../../../../../../utils/quote-pdf-response"

/** GET /admin/quotes/:id/versions/:version/pdf — any version, printable. */
export async function GET(req: AuthenticatedMedusaRequest, res: MedusaResponse) {
  await sendQuotePdf(req, res, await loadQuote(req.scope, req.params.id), "staff")
}
