import type { AuthenticatedMedusaRequest, MedusaResponse } from "@medusajs/framework/http"
import { sendQuotePdf } from "../../../../../../../utils/quote-pdf-response"
import { visibleQuote } from "../../../../caller"

/** GET /store/b2b/quotes/:id/versions/:version/pdf — a version the buyer can see, printable. */
export async function GET(req: AuthenticatedMedusaRequest, res: MedusaResponse) {
  const { quote } = await visibleQuote(req, req.params.id)
  await sendQuotePdf(req, res, quote, "buyer")
}
