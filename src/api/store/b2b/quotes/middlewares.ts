import { authenticate, type MiddlewareRoute } from "@medusajs/framework/http"
import { validateBody } from "../../../utils/validate-body"
import { NoQuery, validateQuery } from "../../../utils/validate-query"
import {
  ListQuotesQuery,
  QuoteMessageBody,
  QuoteReasonBody,
  QuoteRevisionRequestBody,
  StoreAcceptQuoteBody,
  StoreRequestQuoteBody,
} from "../../../utils/quote-validators"
import { requireCompanyPermission } from "../company-permission"

const customer = authenticate("customer", ["session", "bearer"])

/** Quotes for company employees: read, request and negotiate, decide (roles: src/modules/b2b/lib/roles.ts). */
export const storeQuoteMiddlewares: MiddlewareRoute[] = [
  {
    matcher: "/store/b2b/quotes",
    method: ["GET"],
    middlewares: [customer, requireCompanyPermission("quotes.read"), validateQuery(ListQuotesQuery)],
  },
  {
    matcher: "/store/b2b/quotes",
    method: ["POST"],
    middlewares: [customer, requireCompanyPermission("quotes.request"), validateBody(StoreRequestQuoteBody)],
  },
  {
    matcher: "/store/b2b/quotes/:id",
    method: ["GET"],
    middlewares: [customer, requireCompanyPermission("quotes.read"), validateQuery(NoQuery)],
  },
  {
    matcher: "/store/b2b/quotes/:id/versions/:version/pdf",
    method: ["GET"],
    middlewares: [customer, requireCompanyPermission("quotes.read"), validateQuery(NoQuery)],
  },
  {
    matcher: "/store/b2b/quotes/:id/messages",
    method: ["POST"],
    middlewares: [customer, requireCompanyPermission("quotes.request"), validateBody(QuoteMessageBody)],
  },
  {
    matcher: "/store/b2b/quotes/:id/accept",
    method: ["POST"],
    middlewares: [customer, requireCompanyPermission("quotes.accept"), validateBody(StoreAcceptQuoteBody)],
  },
  {
    matcher: "/store/b2b/quotes/:id/reject",
    method: ["POST"],
    middlewares: [customer, requireCompanyPermission("quotes.accept"), validateBody(QuoteReasonBody)],
  },
  {
    matcher: "/store/b2b/quotes/:id/request-revision",
    method: ["POST"],
    middlewares: [customer, requireCompanyPermission("quotes.accept"), validateBody(QuoteRevisionRequestBody)],
  },
]
