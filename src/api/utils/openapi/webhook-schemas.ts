import { z } from "@medusajs/framework/zod"
import { PARTNER_SCOPES } from "../../../modules/outbox/models/partner"
import { DELIVERY_STATUS_VALUES } from "../webhook-validators"
import { anyJson, dateTime, named } from "../../openapi/schemas"

/** Response bodies of the webhook APIs (partners and staff), as src/modules/outbox/lib/views.ts writes them. */

export const WebhookEndpoint = named(
  "WebhookEndpoint",
  z.object({
    id: z.string(),
    partner_id: z.string(),
    url: z.string(),
    description: z.string().nullable(),
    event_types: z.array(z.string()),
    headers: z.record(z.string(), z.string()),
    retry_schedule_ms: z.array(z.number().int()).nullable(),
    max_concurrency: z.number().int().nullable(),
    rate_limit_per_second: z.number().int().nullable(),
    enabled: z.boolean(),
    disabled_at: dateTime().nullable(),
    disabled_reason: z.string().nullable(),
    failing_since: dateTime().nullable(),
    previous_secrets_expire_at: z.array(dateTime()).meta({ description: "Rotated-out secrets that still sign" }),
    created_at: dateTime(),
    updated_at: dateTime(),
  })
)

export const WebhookDelivery = named(
  "WebhookDelivery",
  z.object({
    id: z.string(),
    event_id: z.string().meta({ description: "Also the webhook-id header of every attempt" }),
    event_type: z.string(),
    endpoint_id: z.string(),
    status: z.enum(DELIVERY_STATUS_VALUES),
    attempts: z.number().int(),
    next_attempt_at: dateTime().nullable(),
    last_status_code: z.number().int().nullable(),
    last_error: z.string().nullable(),
    failure_reason: z.string().nullable(),
    created_at: dateTime(),
    completed_at: dateTime().nullable(),
  })
)

export const DeliveryAttempt = named(
  "DeliveryAttempt",
  z.object({
    attempt: z.number().int(),
    outcome: z.string(),
    status_code: z.number().int().nullable(),
    duration_ms: z.number().int(),
    response_body: z.string().nullable().meta({ description: "The start of the receiver's answer" }),
    response_truncated: z.boolean(),
    error: z.string().nullable(),
    started_at: dateTime(),
  })
)

export const DeliveryPage = z.object({ deliveries: z.array(WebhookDelivery), next_cursor: z.string().nullable() })

export const DeliveryDetail = z.object({
  delivery: WebhookDelivery,
  attempts: z.array(DeliveryAttempt),
  payload: anyJson().meta({ description: "The signed event payload" }),
})

export const PartnerGrants = named(
  "PartnerGrants",
  z.object({
    sales_channel_ids: z.array(z.string()).meta({ description: '"*" = every sales channel' }),
    company_ids: z.array(z.string()).meta({ description: "Empty = every company" }),
  })
)

export const EventTypeView = named(
  "EventType",
  z.object({
    type: z.string(),
    version: z.number().int(),
    resource: z.string(),
    description: z.string(),
    subscribable: z.boolean(),
    schema: z.record(z.string(), z.unknown()).meta({ description: "JSON Schema (2020-12) of the payload" }),
  })
)

export const EndpointWithSecret = z.object({
  endpoint: WebhookEndpoint,
  secret: z.string().meta({ description: "The signing secret (`whsec_…`), shown this once" }),
})

export const DeletedObject = (object: string) =>
  z.object({ id: z.string(), object: z.literal(object), deleted: z.literal(true) })

// ── The staff API's (/admin/webhooks) ────────────────────────────────────

/** readEndpointHealth (src/modules/outbox/lib/endpoint-health.ts): the endpoint's latest deliveries and its breaker. */
export const EndpointHealth = named(
  "WebhookEndpointHealth",
  z.object({
    recent: z.number().int().meta({ description: "Deliveries looked at: the endpoint's latest, at most 100" }),
    delivered: z.number().int(),
    failed: z.number().int(),
    pending: z.number().int(),
    retrying: z.number().int().meta({ description: "Pending deliveries that failed at least once" }),
    canceled: z.number().int(),
    success_rate: z
      .number()
      .min(0)
      .max(1)
      .nullable()
      .meta({ description: "delivered / (delivered + failed); null while none has finished" }),
    last_delivery_at: dateTime().nullable(),
    breaker: z
      .enum(["closed", "open", "half-open"])
      .nullable()
      .meta({ description: "This process's breaker for the endpoint; null when no delivery worker runs here" }),
  })
)

/** An endpoint as the staff lists and reads it: with its health. */
export const AdminWebhookEndpoint = named("AdminWebhookEndpoint", WebhookEndpoint.extend({ health: EndpointHealth }))

/** partnerView: a partner (never its client secret). */
export const WebhookPartner = named(
  "WebhookPartner",
  z.object({
    id: z.string(),
    name: z.string(),
    client_id: z.string(),
    scopes: z.array(z.enum(PARTNER_SCOPES)),
    grants: PartnerGrants,
    revoked_at: dateTime().nullable(),
    created_at: dateTime(),
    updated_at: dateTime(),
  })
)

/** A partner with newly issued credentials: the client secret is in this answer only. */
export const PartnerWithCredentials = z.object({
  partner: WebhookPartner,
  client_id: z.string(),
  client_secret: z.string().meta({ description: "Shown this once; only its hash is stored" }),
})
