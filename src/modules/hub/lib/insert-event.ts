import { generateEntityId } from "@medusajs/framework/utils"
import type { Knex } from "@medusajs/framework/mikro-orm/knex"

export type HubEventInput = {
  type: string
  resource_type: string
  resource_id: string
  /** Same key → same event: a retried producer never creates a second one. */
  dedupe_key: string
  data: Record<string, unknown>
  occurred_at?: Date
  /** ERP connections that consume this event (owned by the erp module). */
  erp_connection_ids?: string[]
  /** Endpoints that must not receive this event (e.g. the one just disabled). */
  exclude_endpoint_ids?: string[]
}

export type InsertedEvent = {
  event_id: string
  created: boolean
  webhook_delivery_ids: string[]
  erp_delivery_ids: string[]
}

/**
 * Writes an event and its deliveries inside `trx`. The per-resource sequence
 * is taken under an advisory lock so concurrent producers for one resource
 * never collide; the dedupe key makes a replayed producer a no-op.
 */
export async function insertHubEvent(trx: Knex.Transaction, input: HubEventInput): Promise<InsertedEvent> {
  const existing = await trx("hub_event").where({ dedupe_key: input.dedupe_key }).whereNull("deleted_at").first("id")
  if (existing) return { event_id: existing.id, created: false, webhook_delivery_ids: [], erp_delivery_ids: [] }

  await trx.raw("select pg_advisory_xact_lock(hashtext(?))", [`${input.resource_type}:${input.resource_id}`])
  const { next } = await trx("hub_event")
    .where({ resource_type: input.resource_type, resource_id: input.resource_id })
    .first(trx.raw("coalesce(max(sequence), 0) + 1 as next"))

  const eventId = generateEntityId(undefined, "evt")
  const occurredAt = input.occurred_at ?? new Date()
  const payload = {
    id: eventId,
    type: input.type,
    occurred_at: occurredAt.toISOString(),
    sequence: Number(next),
    resource: { type: input.resource_type, id: input.resource_id },
    data: input.data,
  }
  // The unique index on dedupe_key is partial (soft deletes), hence the
  // explicit WHERE in the conflict target.
  const inserted: { id: string }[] = await trx
    .raw(
      `insert into hub_event (id, type, resource_type, resource_id, sequence, dedupe_key, payload, occurred_at, created_at, updated_at)
       values (?, ?, ?, ?, ?, ?, ?::jsonb, ?, now(), now())
       on conflict (dedupe_key) where deleted_at is null do nothing
       returning id`,
      [eventId, input.type, input.resource_type, input.resource_id, Number(next), input.dedupe_key, JSON.stringify(payload), occurredAt]
    )
    .then((r: { rows: { id: string }[] }) => r.rows)
  if (!inserted.length) return { event_id: eventId, created: false, webhook_delivery_ids: [], erp_delivery_ids: [] }

  const endpoints: { id: string }[] = await trx("webhook_endpoint")
    .whereNull("deleted_at")
    .whereNull("disabled_at")
    .whereNotIn("id", input.exclude_endpoint_ids ?? [])
    .whereRaw("(? = any(event_types) or '*' = any(event_types))", [input.type])
    .select("id")

  const now = new Date()
  const row = (target_type: string, target_id: string) => ({
    id: generateEntityId(undefined, "dlv"),
    event_id: eventId,
    target_type,
    target_id,
    status: "pending",
    attempts: 0,
    next_attempt_at: now,
    created_at: now,
    updated_at: now,
  })
  const webhookRows = endpoints.map((e) => row("webhook_endpoint", e.id))
  const erpRows = (input.erp_connection_ids ?? []).map((id) => row("erp_connection", id))
  const all = [...webhookRows, ...erpRows]
  if (all.length) await trx("delivery").insert(all)
  return { event_id: eventId, created: true, webhook_delivery_ids: webhookRows.map((r) => r.id), erp_delivery_ids: erpRows.map((r) => r.id) }
}
