import type { Operation } from "../openapi/operation"
import type { PullScope } from "../../modules/erp/lib/grants"
import { oauthOperations } from "../utils/openapi/oauth-schemas"
import { ErpAckResult, ErpShipmentResult, OrderDocument, OrderFeedPage } from "../utils/openapi/erp-schemas"
import { z } from "@medusajs/framework/zod"
import { ErpReportShipment } from "./fulfillments/validators"
import { ErpAckOrder, ErpListOrders } from "./orders/validators"

const TAG_AUTH = "ERP authentication"
const TAG_ORDERS = "ERP orders"
const TAG_SHIPMENTS = "ERP shipments"

/** The ERP pull API (/erp/*): a pull client's bearer token with the route's scope, one of PULL_SCOPES (src/api/erp/middlewares.ts). */
const erp = (required: PullScope, op: Omit<Operation, "audiences" | "security" | "scopes">): Operation => ({
  ...op,
  audiences: ["erp"],
  security: ["erpToken"],
  scopes: [required],
})

/** This area's operations, as documented in the OpenAPI documents (see src/api/partners/openapi.ts). */
export const erpOperations: Operation[] = [
  ...oauthOperations("/erp", TAG_AUTH),
  erp("orders:read", {
    method: "get",
    path: "/erp/orders",
    operationId: "listErpOrders",
    summary: "The order feed: documents of the orders the client may see, oldest change first, cursor-paged",
    description:
      "Start with `updated_since` (or nothing: from the beginning), then pass each page's `next_cursor` until `has_more` is false; keep the last `next_cursor` to resume later. An order that changes after it was read comes back later in the walk (upsert by `id`).",
    tags: [TAG_ORDERS],
    query: ErpListOrders,
    responses: { 200: { description: "A page of order documents", schema: OrderFeedPage } },
  }),
  erp("orders:read", {
    method: "get",
    path: "/erp/orders/{id}",
    operationId: "getErpOrder",
    summary: "One order document (404 for an order outside the client's grants)",
    tags: [TAG_ORDERS],
    responses: { 200: { description: "The order document", schema: z.object({ order: OrderDocument }) } },
  }),
  erp("orders:ack", {
    method: "post",
    path: "/erp/orders/{id}/ack",
    operationId: "acknowledgeErpOrder",
    summary: "Record the ERP's own id for the order (idempotent; another erp_id is a 409)",
    tags: [TAG_ORDERS],
    body: ErpAckOrder,
    errors: [409],
    responses: {
      201: { description: "Acknowledged", schema: ErpAckResult },
      200: { description: "Already acknowledged with this erp_id (`created: false`)", schema: ErpAckResult },
    },
  }),
  erp("fulfillments:write", {
    method: "post",
    path: "/erp/fulfillments",
    operationId: "reportErpShipment",
    summary: "Report a shipment: its tracking numbers go on the fulfillment, which is marked shipped",
    description:
      "The fulfillment is `fulfillment_id`, or else the order's oldest open ERP fulfillment covering `lines`. 404 for an order outside the client's grants or without a matching fulfillment; 400 for a fulfillment already shipped or canceled.",
    tags: [TAG_SHIPMENTS],
    body: ErpReportShipment,
    errors: [404],
    responses: {
      201: { description: "Recorded", schema: ErpShipmentResult },
      200: { description: "This shipment_id was already recorded (`created: false`)", schema: ErpShipmentResult },
    },
  }),
]
