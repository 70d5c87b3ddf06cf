import { generateEntityId, MedusaService } from "@medusajs/framework/utils"
import type { Knex } from "@medusajs/framework/mikro-orm/knex"
import { Delivery } from "./models/delivery"
import { DeliveryAttempt } from "./models/delivery-attempt"
import { HubEvent } from "./models/hub-event"
import { Partner } from "./models/partner"
import { WebhookEndpoint } from "./models/webhook-endpoint"

export type RecordEventInput = {
  type: string
  resource_type: string
  resource_id: string
  /** Same key → same event: a retried producer never creates a second one. */
  dedupe_key: string
  data: Record<string, unknown>
  occurred_at?: Date
  /** ERP connections that consume this event (owned by the erp module). */
  erp_connection_ids?: string[]
}

export type RecordedEvent = {
  event_id: string
  created: boolean
  delivery_ids: string[]
}

type Cradle = { __pg_connection__: Knex }

class HubModuleService extends MedusaService({ HubEvent, Delivery, DeliveryAttempt, WebhookEndpoint, Partner }) {
  protected readonly pg_: Knex

  constructor(cradle: Cradle) {
    // eslint-disable-next-line prefer-rest-params
    super(...arguments)
    this.pg_ = cradle.__pg_connection__
  }

  get pg(): Knex {
    return this.pg_
  }

  /**
   * Writes the event and one delivery per consumer in one transaction. The
   * per-resource sequence is taken under an advisory lock so concurrent
   * producers for one resource never collide.
   */
  async recordEvent(input: RecordEventInput): Promise<RecordedEvent> {
    return await this.pg_.transaction(async (trx) => {
      const existing = await trx("hub_event").where({ dedupe_key: input.dedupe_key }).first("id")
      if (existing) {
        const rows = await trx("delivery").where({ event_id: existing.id }).select("id")
        return { event_id: existing.id, created: false, delivery_ids: rows.map((r: { id: string }) => r.id) }
      }

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
      const inserted = await trx.raw(
        `insert into hub_event (id, type, resource_type, resource_id, sequence, dedupe_key, payload, occurred_at, created_at, updated_at)
         values (?, ?, ?, ?, ?, ?, ?::jsonb, ?, now(), now())
         on conflict (dedupe_key) where deleted_at is null do nothing
         returning id`,
        [eventId, input.type, input.resource_type, input.resource_id, Number(next), input.dedupe_key, JSON.stringify(payload), occurredAt]
      ).then((r: { rows: { id: string }[] }) => r.rows)
      if (!inserted.length) {
        const again = await trx("hub_event").where({ dedupe_key: input.dedupe_key }).first("id")
        return { event_id: again.id, created: false, delivery_ids: [] }
      }

      const endpoints: { id: string }[] = await trx("webhook_endpoint")
        .whereNull("deleted_at")
        .whereNull("disabled_at")
        .where((q) =>
          q.whereRaw("event_types @> ?::jsonb", [JSON.stringify([input.type])]).orWhereRaw(`event_types @> '["*"]'::jsonb`)
        )
        .select("id")

      const now = new Date()
      const deliveries = [
        ...endpoints.map((e) => ({ target_type: "webhook_endpoint", target_id: e.id })),
        ...(input.erp_connection_ids ?? []).map((id) => ({ target_type: "erp_connection", target_id: id })),
      ].map((t) => ({
        id: generateEntityId(undefined, "dlv"),
        event_id: eventId,
        ...t,
        status: "pending",
        attempts: 0,
        next_attempt_at: now,
        created_at: now,
        updated_at: now,
      }))
      if (deliveries.length) await trx("delivery").insert(deliveries)
      return { event_id: eventId, created: true, delivery_ids: deliveries.map((d) => d.id) }
    })
  }
}

export default HubModuleService
