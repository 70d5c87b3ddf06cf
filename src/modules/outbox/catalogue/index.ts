/**
 * The event catalogue: every type the hub records, with the versioned JSON
 * Schema of its payload. Producers may only record these types
 * (`insertHubEvent` refuses others), endpoints may only subscribe to the
 * subscribable ones, and the partner and admin APIs serve the schemas.
 *
 * Every payload is an envelope:
 *   { id, type, version, occurred_at, sequence, resource: {type, id}, data }
 * `id` is the event id and the `webhook-id` of every delivery of it (the
 * receiver's dedupe key); `sequence` increases by one per event of the same
 * resource, so a receiver can order events and drop stale ones.
 * @module
 */
import { approvalApproved, approvalExpired, approvalRejected, approvalRequested } from "./approvals"
import { creditNoteCreated } from "./credit-note-created"
import { erpSyncFailed } from "./erp-sync-failed"
import { invoiceIssued } from "./invoice-issued"
import { invoiceOverdue } from "./invoice-overdue"
import { invoicePaid } from "./invoice-paid"
import { invoiceVoided } from "./invoice-voided"
import { orderCanceled } from "./order-canceled"
import { orderFulfillmentCreated } from "./order-fulfillment-created"
import { orderPlaced } from "./order-placed"
import { orderReturned } from "./order-returned"
import { orderShipped } from "./order-shipped"
import { orderUpdated } from "./order-updated"
import { quoteAccepted, quoteExpired, quoteRejected, quoteRequested, quoteSent } from "./quotes"
import { DATE_TIME } from "./types"
import type { EventTypeDefinition, JsonSchema } from "./types"
import { webhookEndpointDisabled } from "./webhook-endpoint-disabled"
import { webhookTest } from "./webhook-test"

export type { EventTypeDefinition, JsonSchema } from "./types"

export const EVENT_CATALOGUE = [
  orderPlaced,
  orderUpdated,
  orderCanceled,
  orderFulfillmentCreated,
  orderShipped,
  orderReturned,
  invoiceIssued,
  invoicePaid,
  invoiceOverdue,
  invoiceVoided,
  creditNoteCreated,
  erpSyncFailed,
  approvalRequested,
  approvalApproved,
  approvalRejected,
  approvalExpired,
  quoteRequested,
  quoteSent,
  quoteAccepted,
  quoteRejected,
  quoteExpired,
  webhookEndpointDisabled,
  webhookTest,
] as const

/** Every event type the hub records: a misspelled type is a compile error. */
export type HubEventType = (typeof EVENT_CATALOGUE)[number]["type"]

const BY_TYPE = new Map<string, EventTypeDefinition>(EVENT_CATALOGUE.map((d) => [d.type, d]))

export const EVENT_TYPES: readonly HubEventType[] = EVENT_CATALOGUE.map((d) => d.type)
export const SUBSCRIBABLE_EVENT_TYPES: readonly HubEventType[] = EVENT_CATALOGUE.filter((d) => d.subscribable).map(
  (d) => d.type
)
/** Subscribes an endpoint to every subscribable type, present and future. */
export const ALL_EVENT_TYPES = "*"
export const WEBHOOK_TEST_EVENT = webhookTest.type
export const ENDPOINT_DISABLED_EVENT_TYPE = webhookEndpointDisabled.type

export function eventTypeDefinition(type: string): EventTypeDefinition | undefined {
  return BY_TYPE.get(type)
}

/** The full JSON Schema of a type's payload (envelope + data), as served by the API. */
export function payloadSchema(definition: EventTypeDefinition): JsonSchema {
  return {
    $schema: "https://json-schema.org/draft/2020-12/schema",
    $id: `urn:backy:event:${definition.type}:v${definition.version}`,
    title: `${definition.type} v${definition.version}`,
    description: definition.description,
    type: "object",
    required: ["id", "type", "version", "occurred_at", "sequence", "resource", "data"],
    properties: {
      id: { type: "string", pattern: "^evt_", description: "Event id; also the webhook-id header. Deduplicate on it." },
      type: { const: definition.type },
      version: { const: definition.version, description: "Version of this payload schema." },
      occurred_at: { ...DATE_TIME, description: "When the fact happened (ISO 8601, UTC)." },
      sequence: {
        type: "integer",
        minimum: 1,
        description:
          "1, 2, 3… per resource: order the events of one resource by it and ignore a lower one after a higher.",
      },
      resource: {
        type: "object",
        required: ["type", "id"],
        properties: { type: { const: definition.resource }, id: { type: "string" } },
      },
      data: definition.data,
    },
  }
}

/** The catalogue as GET /partners/event-types and GET /admin/webhooks/event-types return it. */
export function catalogueView() {
  return EVENT_CATALOGUE.map((d) => ({
    type: d.type,
    version: d.version,
    resource: d.resource,
    description: d.description,
    subscribable: d.subscribable,
    schema: payloadSchema(d),
  }))
}
