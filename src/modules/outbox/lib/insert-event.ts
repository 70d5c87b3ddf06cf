import type { Knex } from "@medusajs/framework/mikro-orm/knex"
import { ALL_EVENT_TYPES, eventTypeDefinition, type HubEventType } from "../catalogue"
import { hubId } from "./ids"
import { grantsCover, SCOPED_RESOURCES, type EventScope } from "./partner-grants"

export type HubEventInput = {
  /** A catalogue type (src/modules/outbox/catalogue): another is a compile error, and refused at run time. */
  type: HubEventType
  resource_type: string
  resource_id: string
  /** Same key → same event: a retried producer never creates a second one. */
  dedupe_key: string
  data: Record<string, unknown>
  occurred_at?: Date
  /** ERP connections that consume this event (owned by the erp module). */
  erp_connection_ids?: string[]
  /** Only these endpoints receive the event, whatever they subscribe to (webhook.test). */
  endpoint_ids?: string[]
  /** Only this partner's subscribed endpoints receive the event (events about a partner's own endpoints). */
  partner_id?: string
  /** Endpoints that must not receive this event (e.g. the one just disabled). */
  exclude_endpoint_ids?: string[]
  /**
   * Whose data the event carries (company and ancestors, sales channel):
   * events about orders, invoices, quotes and approval requests reach only
   * partners whose grants cover it (lib/partner-grants.ts).
   */
  scope?: EventScope
}

export type InsertedEvent = {
  event_id: string
  created: boolean
  webhook_delivery_ids: string[]
  erp_delivery_ids: string[]
}

export class UnknownEventTypeError extends Error {
  readonly code = "unknown_event_type"
  constructor(type: string) {
    super(
      `"${type}" is not in the hub's event catalogue (src/modules/outbox/catalogue): add it there with its schema first`
    )
    this.name = "UnknownEventTypeError"
  }
}

type EndpointRow = {
  id: string
  partner_id: string
  event_types: string[]
  grant_sales_channel_ids: string[] | null
  grant_company_ids: string[] | null
}

/** Writes one event and its deliveries inside `trx`; see insertHubEvents. */
export async function insertHubEvent(trx: Knex.Transaction, input: HubEventInput): Promise<InsertedEvent> {
  const [inserted] = await insertHubEvents(trx, [input])
  return inserted
}

/**
 * Writes events and one delivery per consumer (subscribed webhook endpoints,
 * the given ERP connections) inside `trx`, in a fixed number of statements
 * whatever the batch size. The per-resource sequence is taken under a
 * transaction-scoped advisory lock per resource, so concurrent producers for
 * one resource never collide; the dedupe key makes a replayed producer a
 * no-op (its result has `created: false` and the original event id).
 */
export async function insertHubEvents(
  trx: Knex.Transaction,
  inputs: readonly HubEventInput[]
): Promise<InsertedEvent[]> {
  for (const input of inputs) {
    if (!eventTypeDefinition(input.type)) throw new UnknownEventTypeError(input.type)
  }
  const results = new Map<string, InsertedEvent>()
  const existing = await existingEvents(
    trx,
    inputs.map((i) => i.dedupe_key)
  )
  const fresh: HubEventInput[] = []
  for (const input of inputs) {
    if (results.has(input.dedupe_key)) continue
    const id = existing.get(input.dedupe_key)
    if (id) results.set(input.dedupe_key, notCreated(id))
    else {
      results.set(input.dedupe_key, notCreated(""))
      fresh.push(input)
    }
  }
  if (fresh.length) await insertFresh(trx, fresh, results)
  return inputs.map((i) => results.get(i.dedupe_key)!)
}

async function insertFresh(trx: Knex.Transaction, inputs: HubEventInput[], results: Map<string, InsertedEvent>) {
  const resourceKeys = [...new Set(inputs.map((i) => `${i.resource_type}:${i.resource_id}`))].sort()
  // Sorted, so two batches touching the same resources cannot deadlock.
  await trx.raw("select pg_advisory_xact_lock(hashtext(k)) from unnest(?::text[]) as k order by k", [resourceKeys])
  const resources = [...new Map(inputs.map((i) => [`${i.resource_type}:${i.resource_id}`, i])).values()]
  // One index probe per resource (the unique (resource_type, resource_id, sequence) index), whatever the table's size.
  const { rows: maxRows } = await trx.raw<{
    rows: { resource_type: string; resource_id: string; max: number | null }[]
  }>(
    `select r.resource_type, r.resource_id,
            (select e.sequence from hub_event e
              where e.resource_type = r.resource_type and e.resource_id = r.resource_id and e.deleted_at is null
              order by e.sequence desc limit 1) as max
       from unnest(?::text[], ?::text[]) as r(resource_type, resource_id)`,
    [resources.map((i) => i.resource_type), resources.map((i) => i.resource_id)]
  )
  const nextSequence = new Map(maxRows.map((r) => [`${r.resource_type}:${r.resource_id}`, Number(r.max ?? 0)]))

  const rows = inputs.map((input) => {
    const key = `${input.resource_type}:${input.resource_id}`
    const sequence = (nextSequence.get(key) ?? 0) + 1
    nextSequence.set(key, sequence)
    const id = hubId("evt")
    const occurredAt = input.occurred_at ?? new Date()
    const payload = {
      id,
      type: input.type,
      version: eventTypeDefinition(input.type)!.version,
      occurred_at: occurredAt.toISOString(),
      sequence,
      resource: { type: input.resource_type, id: input.resource_id },
      data: input.data,
    }
    return { id, input, sequence, occurredAt, payload }
  })
  const payloads = packPayloads(rows.map((r) => JSON.stringify(r.payload)))
  // The unique index on dedupe_key is partial (soft deletes), hence the
  // explicit WHERE in the conflict target. A concurrent producer that won the
  // race leaves our row out of RETURNING.
  const { rows: inserted } = await trx.raw<{ rows: { id: string }[] }>(
    `insert into hub_event (id, type, resource_type, resource_id, sequence, dedupe_key, payload, occurred_at, created_at, updated_at)
     select t.id, t.type, t.resource_type, t.resource_id, t.sequence, t.dedupe_key,
            convert_from(substring(p.bytes from t.payload_start for t.payload_length), 'UTF8')::json,
            t.occurred_at, now(), now()
       from unnest(?::text[], ?::text[], ?::text[], ?::text[], ?::int[], ?::text[], ?::int[], ?::int[], ?::timestamptz[])
         as t(id, type, resource_type, resource_id, sequence, dedupe_key, payload_start, payload_length, occurred_at),
            (select ?::bytea as bytes) as p
     on conflict (dedupe_key) where deleted_at is null do nothing
     returning id`,
    [
      rows.map((r) => r.id),
      rows.map((r) => r.input.type),
      rows.map((r) => r.input.resource_type),
      rows.map((r) => r.input.resource_id),
      rows.map((r) => r.sequence),
      rows.map((r) => r.input.dedupe_key),
      payloads.starts,
      payloads.lengths,
      rows.map((r) => r.occurredAt.toISOString()),
      payloads.bytes,
    ]
  )
  const insertedIds = new Set(inserted.map((r) => r.id))
  const lost = rows.filter((r) => !insertedIds.has(r.id))
  if (lost.length) {
    const winners = await existingEvents(
      trx,
      lost.map((r) => r.input.dedupe_key)
    )
    for (const r of lost) results.set(r.input.dedupe_key, notCreated(winners.get(r.input.dedupe_key) ?? r.id))
  }
  const created = rows.filter((r) => insertedIds.has(r.id))
  if (!created.length) return

  const endpoints = await candidateEndpoints(
    trx,
    created.map((r) => r.input)
  )
  const now = new Date()
  const deliveries: { id: string; event_id: string; target_type: string; target_id: string }[] = []
  for (const { id: eventId, input } of created) {
    const result: InsertedEvent = { event_id: eventId, created: true, webhook_delivery_ids: [], erp_delivery_ids: [] }
    for (const endpoint of endpointsFor(input, endpoints)) {
      const delivery = { id: hubId("dlv"), event_id: eventId, target_type: "webhook_endpoint", target_id: endpoint.id }
      deliveries.push(delivery)
      result.webhook_delivery_ids.push(delivery.id)
    }
    for (const connectionId of new Set(input.erp_connection_ids ?? [])) {
      const delivery = { id: hubId("dlv"), event_id: eventId, target_type: "erp_connection", target_id: connectionId }
      deliveries.push(delivery)
      result.erp_delivery_ids.push(delivery.id)
    }
    results.set(input.dedupe_key, result)
  }
  if (!deliveries.length) return
  await trx.raw(
    `insert into delivery (id, event_id, target_type, target_id, status, attempts, schedule_base, next_attempt_at, created_at, updated_at)
     select id, event_id, target_type, target_id, 'pending', 0, 0, ?, ?, ?
       from unnest(?::text[], ?::text[], ?::text[], ?::text[]) as t(id, event_id, target_type, target_id)`,
    [
      now,
      now,
      now,
      deliveries.map((d) => d.id),
      deliveries.map((d) => d.event_id),
      deliveries.map((d) => d.target_type),
      deliveries.map((d) => d.target_id),
    ]
  )
}

/** Enabled endpoints that may receive at least one of `inputs`, read once for the batch. */
async function candidateEndpoints(trx: Knex.Transaction, inputs: HubEventInput[]): Promise<EndpointRow[]> {
  const targeted = inputs.flatMap((i) => i.endpoint_ids ?? [])
  const subscribedTypes = [...new Set(inputs.filter((i) => !i.endpoint_ids).map((i) => i.type))]
  const { rows } = await trx.raw<{ rows: EndpointRow[] }>(
    `select e.id, e.partner_id, e.event_types, p.grant_sales_channel_ids, p.grant_company_ids
       from webhook_endpoint e left join partner p on p.id = e.partner_id and p.deleted_at is null
      where e.deleted_at is null and e.disabled_at is null
        and (e.id = any(?::text[]) or e.event_types && ?::text[] or ? = any(e.event_types))`,
    [targeted, subscribedTypes, ALL_EVENT_TYPES]
  )
  return rows
}

function endpointsFor(input: HubEventInput, endpoints: EndpointRow[]): EndpointRow[] {
  const excluded = new Set(input.exclude_endpoint_ids ?? [])
  if (input.endpoint_ids) {
    const only = new Set(input.endpoint_ids)
    return endpoints.filter((e) => only.has(e.id) && !excluded.has(e.id))
  }
  const subscribable = eventTypeDefinition(input.type)!.subscribable
  const scoped = SCOPED_RESOURCES.has(input.resource_type)
  return endpoints.filter(
    (e) =>
      subscribable &&
      !excluded.has(e.id) &&
      (input.partner_id === undefined || e.partner_id === input.partner_id) &&
      (e.event_types.includes(input.type) || e.event_types.includes(ALL_EVENT_TYPES)) &&
      (!scoped ||
        grantsCover(
          { sales_channel_ids: e.grant_sales_channel_ids ?? [], company_ids: e.grant_company_ids ?? [] },
          input.scope
        ))
  )
}

async function existingEvents(trx: Knex.Transaction, keys: string[]): Promise<Map<string, string>> {
  if (!keys.length) return new Map()
  const { rows } = await trx.raw<{ rows: { id: string; dedupe_key: string }[] }>(
    "select id, dedupe_key from hub_event where dedupe_key = any(?::text[]) and deleted_at is null",
    [keys]
  )
  return new Map(rows.map((r) => [r.dedupe_key, r.id]))
}

/**
 * The batch's payloads as one byte string with each one's place in it (1-based
 * for SQL's substring). Sent as a binary parameter, the bytes reach Postgres
 * as they are: no JSON document around them to parse (json_to_recordset read
 * every payload twice: once in the document, once as its json value) and no
 * array literal to escape here and unescape there. Postgres checks each
 * payload once, as the json it is stored as: a third less of Postgres' time
 * per recorded event (README, webhook delivery).
 */
function packPayloads(texts: string[]): { bytes: Buffer; starts: number[]; lengths: number[] } {
  const lengths = texts.map((t) => Buffer.byteLength(t))
  const bytes = Buffer.allocUnsafe(lengths.reduce((sum, n) => sum + n, 0))
  const starts: number[] = []
  let at = 0
  for (const text of texts) {
    starts.push(at + 1)
    at += bytes.write(text, at)
  }
  return { bytes, starts, lengths }
}

function notCreated(eventId: string): InsertedEvent {
  return { event_id: eventId, created: false, webhook_delivery_ids: [], erp_delivery_ids: [] }
}
