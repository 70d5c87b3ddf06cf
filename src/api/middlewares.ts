import { defineMiddlewares } from "@medusajs/framework/http"
import { verifyStripeSignature } from "./hooks/payment/verify-stripe-signature"
import { erpPullMiddlewares } from "./erp/middlewares"
import { adminErpMiddlewares } from "./admin/erp/middlewares"
import { storeInvoiceMiddlewares } from "./store/b2b/invoices/middlewares"
import { adminInvoiceMiddlewares } from "./admin/invoices/middlewares"
import { adminCompaniesMiddlewares } from "./admin/companies/middlewares"
import { adminContractsMiddlewares } from "./admin/contracts/middlewares"
import { storeB2bMiddlewares } from "./store/b2b/middlewares"
import { storeApprovalMiddlewares } from "./store/b2b/approval-requests/middlewares"
import { adminApprovalMiddlewares } from "./admin/approval-requests/middlewares"
import { storeQuoteMiddlewares } from "./store/b2b/quotes/middlewares"
import { adminQuoteMiddlewares } from "./admin/quotes/middlewares"
import { storeProductsMiddlewares } from "./store/products/middlewares"
import { partnerMiddlewares } from "./partners/middlewares"
import { adminWebhooksMiddlewares } from "./admin/webhooks/middlewares"
import { adminOrderEditsMiddlewares } from "./admin/order-edits/middlewares"
import { adminDraftOrdersMiddlewares } from "./admin/draft-orders/middlewares"
import { openApiMiddlewares } from "./openapi/middlewares"
import { requestGuard } from "./utils/request-guard"
import { requestMetrics } from "./utils/request-metrics"
import { requestId } from "./utils/request-id"
import { backyErrorHandler } from "./utils/error-handler"

// Each API area keeps its routes' middlewares (auth, validation) next to the
// routes, in a `middlewares.ts` exporting a MiddlewareRoute[]; they are
// gathered here. Add one import + one spread per area. The request guard
// and the error handler cover every route file on their own (route-table.ts).
export default defineMiddlewares({
  errorHandler: backyErrorHandler(),
  routes: [
    // No method and the root matcher: registered before any other route middleware.
    { matcher: "/", middlewares: [requestId, requestMetrics, requestGuard] },
    {
      matcher: "/hooks/payment/net-terms_net-terms",
      method: ["POST"],
      bodyParser: { preserveRawBody: true },
      middlewares: [verifyStripeSignature],
    },
    ...erpPullMiddlewares,
    ...adminErpMiddlewares,
    ...storeInvoiceMiddlewares,
    ...adminInvoiceMiddlewares,
    ...adminCompaniesMiddlewares,
    ...adminContractsMiddlewares,
    ...storeB2bMiddlewares,
    ...storeApprovalMiddlewares,
    ...adminApprovalMiddlewares,
    ...storeQuoteMiddlewares,
    ...adminQuoteMiddlewares,
    ...storeProductsMiddlewares,
    ...partnerMiddlewares,
    ...adminWebhooksMiddlewares,
    ...adminOrderEditsMiddlewares,
    ...adminDraftOrdersMiddlewares,
    ...openApiMiddlewares,
  ],
})
