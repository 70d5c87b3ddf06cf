import type { AuthenticatedMedusaRequest, MedusaResponse } from "@medusajs/framework/http"
import { toQuoteMessageDocument, type QuoteMessageRow } from "../../../../../../modules/quote/lib/quote-document"
import { postQuoteMessageWorkflow } from "../../../../../../workflows/quote/post-quote-message"
import type { QuoteMessageBodyType } from "../../../../../utils/quote-validators"
import { visibleQuote } from "../../caller"

/** POST /store/b2b/quotes/:id/messages { body, version? } — 201 with the message. */
export async function POST(req: AuthenticatedMedusaRequest<QuoteMessageBodyType>, res: MedusaResponse) {
  const { caller, quote } = await visibleQuote(req, req.params.id)
  const { result } = await postQuoteMessageWorkflow(req.scope).run({
    input: {
      quote_id: quote.id,
      author: { type: "employee", id: caller.employee.id },
      body: req.validatedBody.body,
      version: req.validatedBody.version,
    },
  })
  res.status(201).json({ message: toQuoteMessageDocument(result as unknown as QuoteMessageRow) })
}
