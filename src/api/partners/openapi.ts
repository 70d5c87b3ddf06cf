import { z } from "@medusajs/framework/zod"
import type { Operation } from "../openapi/operation"
import { oauthOperations } from "../utils/openapi/oauth-schemas"
import {
  DeletedObject,
  DeliveryDetail,
  DeliveryPage,
  EndpointWithSecret,
  EventTypeView,
  PartnerGrants,
  WebhookDelivery,
  WebhookEndpoint,
} from "../utils/openapi/webhook-schemas"
import { NoQuery } from "../utils/validate-query"
import {
  CreateEndpoint,
  EmptyBody,
  ListDeliveries,
  RecoverEndpoint,
  RotateSecret,
  UpdateEndpoint,
} from "../utils/webhook-validators"
import { WEBHOOKS_MANAGE } from "./middlewares"

const TAG_AUTH = "Partner authentication"
const TAG_ENDPOINTS = "Webhook endpoints"
const TAG_DELIVERIES = "Webhook deliveries"

/** The partner API (/partners/*), for partners' engineers; the signed events are the document's `webhooks`. */
const partner = (op: Omit<Operation, "audiences" | "security" | "scopes">): Operation => ({
  ...op,
  audiences: ["partners"],
  security: ["partnerToken"],
  scopes: [WEBHOOKS_MANAGE],
})

export const partnerOperations: Operation[] = [
  ...oauthOperations("/partners", TAG_AUTH),
  {
    method: "get",
    path: "/partners/event-types",
    operationId: "listPartnerEventTypes",
    summary: "The event catalogue: every type with the JSON Schema of its payload (public)",
    tags: [TAG_ENDPOINTS],
    audiences: ["partners"],
    security: [],
    query: NoQuery,
    responses: { 200: { description: "Event types", schema: z.object({ event_types: z.array(EventTypeView) }) } },
  },
  partner({
    method: "get",
    path: "/partners/grants",
    operationId: "getPartnerGrants",
    summary: "Which sales channels and companies the caller's endpoints receive events about",
    tags: [TAG_ENDPOINTS],
    query: NoQuery,
    responses: { 200: { description: "The grants", schema: z.object({ grants: PartnerGrants }) } },
  }),
  partner({
    method: "get",
    path: "/partners/endpoints",
    operationId: "listPartnerEndpoints",
    summary: "The caller's endpoints",
    tags: [TAG_ENDPOINTS],
    query: NoQuery,
    responses: { 200: { description: "Endpoints", schema: z.object({ endpoints: z.array(WebhookEndpoint) }) } },
  }),
  partner({
    method: "post",
    path: "/partners/endpoints",
    operationId: "createPartnerEndpoint",
    summary: "Subscribe a URL to event types; the signing secret is returned once",
    tags: [TAG_ENDPOINTS],
    body: CreateEndpoint,
    responses: { 201: { description: "Created", schema: EndpointWithSecret } },
  }),
  partner({
    method: "get",
    path: "/partners/endpoints/{id}",
    operationId: "getPartnerEndpoint",
    summary: "One endpoint",
    tags: [TAG_ENDPOINTS],
    responses: { 200: { description: "The endpoint", schema: z.object({ endpoint: WebhookEndpoint }) } },
  }),
  partner({
    method: "post",
    path: "/partners/endpoints/{id}",
    operationId: "updatePartnerEndpoint",
    summary: "Change url, event types, headers, limits; `enabled` disables or re-enables",
    tags: [TAG_ENDPOINTS],
    body: UpdateEndpoint,
    responses: { 200: { description: "Updated", schema: z.object({ endpoint: WebhookEndpoint }) } },
  }),
  partner({
    method: "delete",
    path: "/partners/endpoints/{id}",
    operationId: "deletePartnerEndpoint",
    summary: "Delete an endpoint; its pending deliveries are canceled",
    tags: [TAG_ENDPOINTS],
    responses: { 200: { description: "Deleted", schema: DeletedObject("webhook_endpoint") } },
  }),
  partner({
    method: "post",
    path: "/partners/endpoints/{id}/rotate-secret",
    operationId: "rotatePartnerEndpointSecret",
    summary: "A new signing secret (shown once); the old one keeps signing for the grace period",
    tags: [TAG_ENDPOINTS],
    body: RotateSecret,
    responses: { 200: { description: "Rotated", schema: EndpointWithSecret } },
  }),
  partner({
    method: "post",
    path: "/partners/endpoints/{id}/test",
    operationId: "testPartnerEndpoint",
    summary: "Send a signed `webhook.test` event to this endpoint only",
    tags: [TAG_ENDPOINTS],
    body: EmptyBody,
    responses: {
      202: { description: "Queued", schema: z.object({ event_id: z.string(), delivery_id: z.string() }) },
    },
  }),
  partner({
    method: "post",
    path: "/partners/endpoints/{id}/recover",
    operationId: "recoverPartnerEndpoint",
    summary: "Re-queue the endpoint's failed deliveries created in a window (idempotent)",
    tags: [TAG_ENDPOINTS],
    body: RecoverEndpoint,
    responses: {
      202: {
        description: "Re-queued",
        schema: z.object({ endpoint_id: z.string(), recovered: z.number().int() }),
      },
    },
  }),
  partner({
    method: "get",
    path: "/partners/deliveries",
    operationId: "listPartnerDeliveries",
    summary: "The delivery log, newest first, cursor-paged",
    tags: [TAG_DELIVERIES],
    query: ListDeliveries,
    responses: { 200: { description: "A page of deliveries", schema: DeliveryPage } },
  }),
  partner({
    method: "get",
    path: "/partners/deliveries/{id}",
    operationId: "getPartnerDelivery",
    summary: "A delivery with its attempts and the signed payload",
    tags: [TAG_DELIVERIES],
    responses: { 200: { description: "The delivery", schema: DeliveryDetail } },
  }),
  partner({
    method: "post",
    path: "/partners/deliveries/{id}/retry",
    operationId: "retryPartnerDelivery",
    summary: "Send it again now, with the same webhook-id",
    tags: [TAG_DELIVERIES],
    body: EmptyBody,
    responses: { 202: { description: "Queued", schema: z.object({ delivery: WebhookDelivery }) } },
  }),
]
