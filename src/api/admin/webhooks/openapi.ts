import { z } from "@medusajs/framework/zod"
import type { Operation } from "../../openapi/operation"
import { STAFF } from "../../openapi/operation"
import {
  AdminWebhookEndpoint,
  DeletedObject,
  DeliveryDetail,
  DeliveryPage,
  EndpointWithSecret,
  EventTypeView,
  PartnerWithCredentials,
  WebhookDelivery,
  WebhookEndpoint,
  WebhookPartner,
} from "../../utils/openapi/webhook-schemas"
import { NoQuery } from "../../utils/validate-query"
import { EmptyBody, RecoverEndpoint, RotateSecret, UpdateEndpoint } from "../../utils/webhook-validators"
import {
  AdminCreateEndpoint,
  AdminCreatePartner,
  AdminListDeliveries,
  AdminListEndpoints,
  AdminUpdatePartner,
} from "./validators"

const TAG_PARTNERS = "Webhook partners (admin)"
const TAG_ENDPOINTS = "Webhook endpoints (admin)"
const TAG_DELIVERIES = "Webhook deliveries (admin)"

const staff = (op: Omit<Operation, "audiences" | "security">): Operation => ({ ...op, audiences: [], security: STAFF })

/** The staff's view of the webhook hub (/admin/webhooks/*): every partner, endpoint and delivery. */
export const adminWebhooksOperations: Operation[] = [
  staff({
    method: "get",
    path: "/admin/webhooks/event-types",
    operationId: "listAdminWebhookEventTypes",
    summary: "The event catalogue: every type with the JSON Schema of its payload",
    tags: [TAG_ENDPOINTS],
    query: NoQuery,
    responses: { 200: { description: "Event types", schema: z.object({ event_types: z.array(EventTypeView) }) } },
  }),

  // ── Partners ──────────────────────────────────────────────────────────
  staff({
    method: "get",
    path: "/admin/webhooks/partners",
    operationId: "listWebhookPartners",
    summary: "Every partner",
    tags: [TAG_PARTNERS],
    query: NoQuery,
    responses: { 200: { description: "Partners", schema: z.object({ partners: z.array(WebhookPartner) }) } },
  }),
  staff({
    method: "post",
    path: "/admin/webhooks/partners",
    operationId: "createWebhookPartner",
    summary: "A partner with client credentials; the client secret is returned once",
    tags: [TAG_PARTNERS],
    body: AdminCreatePartner,
    responses: { 201: { description: "Created", schema: PartnerWithCredentials } },
  }),
  staff({
    method: "get",
    path: "/admin/webhooks/partners/{id}",
    operationId: "getWebhookPartner",
    summary: "A partner with its endpoints",
    tags: [TAG_PARTNERS],
    responses: {
      200: {
        description: "The partner",
        schema: z.object({ partner: WebhookPartner.extend({ endpoints: z.array(WebhookEndpoint) }) }),
      },
    },
  }),
  staff({
    method: "post",
    path: "/admin/webhooks/partners/{id}",
    operationId: "updateWebhookPartner",
    summary: "Change name, scopes or grants; `revoked` revokes or restores its credentials",
    tags: [TAG_PARTNERS],
    body: AdminUpdatePartner,
    responses: { 200: { description: "Updated", schema: z.object({ partner: WebhookPartner }) } },
  }),
  staff({
    method: "delete",
    path: "/admin/webhooks/partners/{id}",
    operationId: "deleteWebhookPartner",
    summary: "Delete a partner: credentials revoked, endpoints deleted, pending deliveries canceled",
    tags: [TAG_PARTNERS],
    responses: { 200: { description: "Deleted", schema: DeletedObject("partner") } },
  }),
  staff({
    method: "post",
    path: "/admin/webhooks/partners/{id}/credentials",
    operationId: "issueWebhookPartnerCredentials",
    summary: "A new client secret (shown once); the old one stops working at once",
    tags: [TAG_PARTNERS],
    body: EmptyBody,
    responses: { 200: { description: "New credentials", schema: PartnerWithCredentials } },
  }),

  // ── Endpoints ─────────────────────────────────────────────────────────
  staff({
    method: "get",
    path: "/admin/webhooks/endpoints",
    operationId: "listAdminWebhookEndpoints",
    summary: "Every partner's endpoints with their health; filters partner_id, enabled",
    tags: [TAG_ENDPOINTS],
    query: AdminListEndpoints,
    responses: {
      200: { description: "Endpoints", schema: z.object({ endpoints: z.array(AdminWebhookEndpoint) }) },
    },
  }),
  staff({
    method: "post",
    path: "/admin/webhooks/endpoints",
    operationId: "createAdminWebhookEndpoint",
    summary: "An endpoint for a partner; the signing secret is returned once",
    tags: [TAG_ENDPOINTS],
    body: AdminCreateEndpoint,
    responses: { 201: { description: "Created", schema: EndpointWithSecret } },
  }),
  staff({
    method: "get",
    path: "/admin/webhooks/endpoints/{id}",
    operationId: "getAdminWebhookEndpoint",
    summary: "An endpoint with its health (latest deliveries, breaker)",
    tags: [TAG_ENDPOINTS],
    responses: { 200: { description: "The endpoint", schema: z.object({ endpoint: AdminWebhookEndpoint }) } },
  }),
  staff({
    method: "post",
    path: "/admin/webhooks/endpoints/{id}",
    operationId: "updateAdminWebhookEndpoint",
    summary: "Change url, event types, headers, limits; `enabled` disables or re-enables",
    tags: [TAG_ENDPOINTS],
    body: UpdateEndpoint,
    responses: { 200: { description: "Updated", schema: z.object({ endpoint: WebhookEndpoint }) } },
  }),
  staff({
    method: "delete",
    path: "/admin/webhooks/endpoints/{id}",
    operationId: "deleteAdminWebhookEndpoint",
    summary: "Delete an endpoint; its pending deliveries are canceled",
    tags: [TAG_ENDPOINTS],
    responses: { 200: { description: "Deleted", schema: DeletedObject("webhook_endpoint") } },
  }),
  staff({
    method: "post",
    path: "/admin/webhooks/endpoints/{id}/rotate-secret",
    operationId: "rotateAdminWebhookEndpointSecret",
    summary: "A new signing secret (shown once); the old one keeps signing for the grace period",
    tags: [TAG_ENDPOINTS],
    body: RotateSecret,
    responses: { 200: { description: "Rotated", schema: EndpointWithSecret } },
  }),
  staff({
    method: "post",
    path: "/admin/webhooks/endpoints/{id}/test",
    operationId: "testAdminWebhookEndpoint",
    summary: "Send a signed `webhook.test` event to this endpoint only (400 while it is disabled)",
    tags: [TAG_ENDPOINTS],
    body: EmptyBody,
    responses: {
      202: { description: "Queued", schema: z.object({ event_id: z.string(), delivery_id: z.string() }) },
    },
  }),
  staff({
    method: "post",
    path: "/admin/webhooks/endpoints/{id}/recover",
    operationId: "recoverAdminWebhookEndpoint",
    summary: "Re-queue the endpoint's failed deliveries created in a window (idempotent; 400 while disabled)",
    tags: [TAG_ENDPOINTS],
    body: RecoverEndpoint,
    responses: {
      202: {
        description: "Re-queued",
        schema: z.object({ endpoint_id: z.string(), recovered: z.number().int() }),
      },
    },
  }),

  // ── Deliveries ────────────────────────────────────────────────────────
  staff({
    method: "get",
    path: "/admin/webhooks/deliveries",
    operationId: "listAdminWebhookDeliveries",
    summary: "Every partner's delivery log, newest first, cursor-paged; filters include partner and resource",
    description:
      "The partner API's filters plus `partner_id`, and the resource the event is about: `resource_type` with `resource_id` (both or neither), e.g. `order` and an order id for an order's webhooks.",
    tags: [TAG_DELIVERIES],
    query: AdminListDeliveries,
    responses: { 200: { description: "A page of deliveries", schema: DeliveryPage } },
  }),
  staff({
    method: "get",
    path: "/admin/webhooks/deliveries/{id}",
    operationId: "getAdminWebhookDelivery",
    summary: "A delivery with its attempts and the signed payload",
    tags: [TAG_DELIVERIES],
    responses: { 200: { description: "The delivery", schema: DeliveryDetail } },
  }),
  staff({
    method: "post",
    path: "/admin/webhooks/deliveries/{id}/retry",
    operationId: "retryAdminWebhookDelivery",
    summary: "Send it again now, with the same webhook-id (400 when its endpoint is disabled or deleted)",
    tags: [TAG_DELIVERIES],
    body: EmptyBody,
    responses: { 202: { description: "Queued", schema: z.object({ delivery: WebhookDelivery }) } },
  }),
]
