import { z } from "@medusajs/framework/zod"
import type { Operation } from "./operation"
import { CUSTOMER, STAFF } from "./operation"
import { NoQuery } from "../utils/validate-query"

const ReadinessCheck = z.looseObject({
  ok: z.boolean(),
  reason: z.string().optional(),
  duration_ms: z.number(),
})
const ReadinessReport = z.object({
  status: z.enum(["ready", "not_ready"]),
  checks: z.record(z.string(), ReadinessCheck),
})

/** A published OpenAPI document (what these routes answer). */
const OpenApiJson = z.looseObject({ openapi: z.literal("3.1.0"), info: z.looseObject({}), paths: z.looseObject({}) })

const docRoute = (
  path: string,
  operationId: string,
  audience: Operation["audiences"],
  security: Operation["security"]
) =>
  ({
    method: "get",
    path,
    operationId,
    summary: "This API's OpenAPI 3.1 document",
    tags: ["Documents"],
    audiences: audience,
    security,
    query: NoQuery,
    responses: { 200: { description: "OpenAPI 3.1", schema: OpenApiJson } },
  }) satisfies Operation

/** Routes for the people who run the hub and its documents. */
export const opsOperations: Operation[] = [
  {
    method: "get",
    path: "/health/ready",
    operationId: "getReadiness",
    summary: "Readiness: Postgres, Redis, applied migrations, webhook and ERP backlog age",
    tags: ["Operations"],
    audiences: [],
    security: [],
    responses: {
      200: { description: "Ready", schema: ReadinessReport },
      503: { description: "Not ready; each failing check has its reason", schema: ReadinessReport },
    },
  },
  {
    method: "get",
    path: "/metrics",
    operationId: "getMetrics",
    summary: "Prometheus metrics (404 unless METRICS_TOKEN is configured)",
    tags: ["Operations"],
    audiences: [],
    security: ["metricsToken"],
    responses: {
      200: { description: "Prometheus text format", contentType: "text/plain", schema: z.string() },
      404: { description: "Metrics are not configured" },
    },
  },
  {
    method: "post",
    path: "/hooks/payment/net-terms_net-terms",
    operationId: "receiveStripeEvent",
    summary:
      "Stripe's events for net-terms invoices (Medusa's payment webhook route, signature checked on the raw body)",
    tags: ["Operations"],
    audiences: [],
    security: ["stripeSignature"],
    body: z.looseObject({ id: z.string(), type: z.string(), data: z.looseObject({}) }),
    validatedByRoute: true,
    medusaRoute: true,
    responses: { 200: { description: "Received" } },
  },
  docRoute("/erp/openapi.json", "getErpOpenApi", ["erp"], []),
  docRoute("/partners/openapi.json", "getPartnerOpenApi", ["partners"], []),
  // Everything under /store/b2b needs a logged-in customer (src/api/store/b2b/middlewares.ts), this too.
  docRoute("/store/b2b/openapi.json", "getStoreOpenApi", ["store"], CUSTOMER),
  docRoute("/admin/openapi.json", "getStaffOpenApi", [], STAFF),
]
