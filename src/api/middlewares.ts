import { defineMiddlewares } from "@medusajs/framework/http"
import { verifyStripeSignature } from "./hooks/payment/verify-stripe-signature"

// Each API area keeps its routes' middlewares (auth, validation) next to the
// routes, in a `middlewares.ts` exporting a MiddlewareRoute[]; they are
// gathered here. Add one import + one spread per area.
export default defineMiddlewares({
  routes: [
    {
      matcher: "/hooks/payment/net-terms_net-terms",
      method: ["POST"],
      bodyParser: { preserveRawBody: true },
      middlewares: [verifyStripeSignature],
    },
  ],
})
