import type { MiddlewareRoute } from "@medusajs/framework/http"
import { validateBody } from "../../utils/validate-body"
import { NoQuery, validateQuery } from "../../utils/validate-query"
import {
  AdminReviseQuoteBody,
  AdminSendQuoteBody,
  ListQuotesQuery,
  QuoteMessageBody,
  QuoteReasonBody,
} from "../../utils/quote-validators"

/** /admin/quotes… for merchant staff (admin auth is Medusa's default for /admin). */
export const adminQuoteMiddlewares: MiddlewareRoute[] = [
  { matcher: "/admin/quotes", method: ["GET"], middlewares: [validateQuery(ListQuotesQuery)] },
  { matcher: "/admin/quotes/:id", method: ["GET"], middlewares: [validateQuery(NoQuery)] },
  { matcher: "/admin/quotes/:id/versions", method: ["POST"], middlewares: [validateBody(AdminReviseQuoteBody)] },
  { matcher: "/admin/quotes/:id/versions/:version/pdf", method: ["GET"], middlewares: [validateQuery(NoQuery)] },
  { matcher: "/admin/quotes/:id/send", method: ["POST"], middlewares: [validateBody(AdminSendQuoteBody)] },
  { matcher: "/admin/quotes/:id/withdraw", method: ["POST"], middlewares: [validateBody(QuoteReasonBody)] },
  { matcher: "/admin/quotes/:id/messages", method: ["POST"], middlewares: [validateBody(QuoteMessageBody)] },
]
