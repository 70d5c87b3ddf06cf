import { defineMiddlewares } from "@medusajs/framework/http"
import { verifyStripeSignature } from "./hooks/payment/verify-stripe-signature"

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
