import type { AuthenticatedMedusaRequest, MedusaResponse } from "@medusajs/framework/http"
import { toQuoteMessageDocument, type QuoteMessageRow } from "../../../../../modules/quote/lib/quote-document"
import { postQuoteMessageWorkflow } from "../../../../../workflows/quote/post-quote-message"
import type { QuoteMessageBodyType } from "../../../../utils/quote-validators"

/** POST /admin/quotes/:id/messages { body, version? } — 201 with the message. */
export async function POST(req: AuthenticatedMedusaRequest<QuoteMessageBodyType>, res: MedusaResponse) {
  const { result } = await postQuoteMessageWorkflow(req.scope).run({
    input: {
      quote_id: req.params.id,
      author: { type: "user", id: req.auth_context.actor_id },
      body: req.validatedBody.body,
      version: req.validatedBody.version,
    },
  })
  res.status(201).json({ message: toQuoteMessageDocument(result as unknown as QuoteMessageRow) })
}
