import type { AuthenticatedMedusaRequest, MedusaResponse } from "@medusajs/framework/http"
import { QUOTE_MODULE } from "../../../../modules/quote"
import type QuoteModuleService from "../../../../modules/quote/service"
import { toQuoteDocument, type QuoteRow } from "../../../../modules/quote/lib/quote-document"
import { requestQuoteWorkflow } from "../../../../workflows/quote/request-quote"
import type { ListQuotesQueryType, StoreRequestQuoteBodyType } from "../../../utils/quote-validators"
import { quoteView } from "../../../utils/quote-view"
import { quoteCaller } from "./caller"

/** GET /store/b2b/quotes?status=&company_id=&limit=&offset= — newest first, those the caller sees. */
export async function GET(req: AuthenticatedMedusaRequest, res: MedusaResponse) {
  const q = (req as unknown as { validatedQuery: ListQuotesQueryType }).validatedQuery
  const caller = await quoteCaller(req)
  const quotes = req.scope.resolve<QuoteModuleService>(QUOTE_MODULE)
  const companyIds = q.company_id
    ? caller.filters.company_id.filter((id) => id === q.company_id)
    : caller.filters.company_id
  const [rows, count] = await quotes.listAndCountQuotes(
    { ...caller.filters, company_id: companyIds, ...(q.status ? { status: q.status } : {}) },
    { take: q.limit, skip: q.offset, order: { created_at: "DESC" } }
  )
  res.json({
    quotes: (rows as unknown as QuoteRow[]).map(toQuoteDocument),
    count,
    limit: q.limit,
    offset: q.offset,
  })
}

/** POST /store/b2b/quotes { cart_id | items + region_id, message?, po_number? } — 201 with version 1 at contract prices. */
export async function POST(req: AuthenticatedMedusaRequest<StoreRequestQuoteBodyType>, res: MedusaResponse) {
  await quoteCaller(req)
  const body = req.validatedBody
  const { result } = await requestQuoteWorkflow(req.scope).run({
    input: { ...body, customer_id: req.auth_context.actor_id },
  })
  res.status(201).json({ quote: await quoteView(req.scope, result, "buyer") })
}
