import type { AuthenticatedMedusaRequest, MedusaResponse } from "@medusajs/framework/http"
import { QUOTE_MODULE } from "../../../modules/quote"
import type QuoteModuleService from "../../../modules/quote/service"
import { toQuoteDocument, type QuoteRow } from "../../../modules/quote/lib/quote-document"
import type { ListQuotesQueryType } from "../../utils/quote-validators"

/** GET /admin/quotes?status=&company_id=&limit=&offset= — newest first. */
export async function GET(req: AuthenticatedMedusaRequest, res: MedusaResponse) {
  const q = (req as unknown as { validatedQuery: ListQuotesQueryType }).validatedQuery
  const quotes = req.scope.resolve<QuoteModuleService>(QUOTE_MODULE)
  const [rows, count] = await quotes.listAndCountQuotes(
    { ...(q.status ? { status: q.status } : {}), ...(q.company_id ? { company_id: q.company_id } : {}) },
    { take: q.limit, skip: q.offset, order: { created_at: "DESC" } }
  )
  res.json({ quotes: (rows as unknown as QuoteRow[]).map(toQuoteDocument), count, limit: q.limit, offset: q.offset })
}
