import { PULL_SCOPES } from "../../modules/erp/lib/grants"
import type { SecurityName } from "./operation"

const ERP_SCOPE_TEXT: Record<(typeof PULL_SCOPES)[number], string> = {
  "orders:read": "Read the order feed and orders",
  "orders:ack": "Acknowledge orders as imported",
  "fulfillments:write": "Report shipments",
}

/** How each caller proves who it is, as OpenAPI security schemes. */
export const SECURITY_SCHEMES: Record<SecurityName | "publishableKey", Record<string, unknown>> = {
  erpToken: {
    type: "oauth2",
    description: "An ERP pull client's client-credentials token (ES256 JWT, keys at /erp/jwks.json).",
    flows: {
      clientCredentials: {
        tokenUrl: "/erp/oauth/token",
        scopes: Object.fromEntries(PULL_SCOPES.map((scope) => [scope, ERP_SCOPE_TEXT[scope]])),
      },
    },
  },
  partnerToken: {
    type: "oauth2",
    description: "A partner's client-credentials token (ES256 JWT, keys at /partners/jwks.json).",
    flows: {
      clientCredentials: {
        tokenUrl: "/partners/oauth/token",
        scopes: { "webhooks:manage": "Manage the partner's webhook endpoints and read its deliveries" },
      },
    },
  },
  adminBearer: {
    type: "http",
    scheme: "bearer",
    bearerFormat: "JWT",
    description: "A staff user's token from Medusa's POST /auth/user/emailpass.",
  },
  adminSession: { type: "apiKey", in: "cookie", name: "connect.sid", description: "A staff user's session cookie." },
  adminApiKey: {
    type: "http",
    scheme: "basic",
    description: "A Medusa secret API key as the Basic username (empty password).",
  },
  customerBearer: {
    type: "http",
    scheme: "bearer",
    bearerFormat: "JWT",
    description: "A customer's token from Medusa's POST /auth/customer/emailpass.",
  },
  customerSession: { type: "apiKey", in: "cookie", name: "connect.sid", description: "A customer's session cookie." },
  publishableKey: {
    type: "apiKey",
    in: "header",
    name: "x-publishable-api-key",
    description: "The storefront's publishable API key, on every /store request.",
  },
  metricsToken: { type: "http", scheme: "bearer", description: "METRICS_TOKEN." },
  stripeSignature: {
    type: "apiKey",
    in: "header",
    name: "stripe-signature",
    description: "Stripe's signature of the raw body with the webhook signing secret.",
  },
}
