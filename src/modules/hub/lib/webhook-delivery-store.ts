import type { Knex } from "@medusajs/framework/mikro-orm/knex"
import { generateEntityId } from "@medusajs/framework/utils"
import type { DeliveryStore, DispatchableDelivery, DispatchClaim, EndpointHealthUpdate, ResultBatch } from "../../../../webhooks"
import { ENDPOINT_DISABLED_EVENT_TYPE } from "../catalogue"
import { insertHubEvent } from "./insert-event"
import { openSecrets, StoredSecrets } from "./endpoint-secrets"

type ClaimedRow = {
  id: string
  attempts: number
  event_id: string
  type: string
  body: string
  endpoint_id: string
  url: string
  secrets: StoredSecrets
  disabled: boolean
  schedule_ms: number[] | null
  max_concurrency: number | null
  rate_limit_per_second: number | null
  headers: Record<string, string> | null
  failing_since: Date | null
}

/**
 * The webhook engine's persistence on the hub's Postgres tables. Claims are
 * one UPDATE … RETURNING per batch (a lease + token, so duplicate jobs and
 * concurrent workers are harmless); results are one transaction per batch.
 *
 * Attempt numbers: the library counts attempts from the start of the
 * delivery's current retry schedule; a manual retry or a recovery restarts
 * the schedule by setting `schedule_base` to the attempts made so far. The
 * store translates, so attempt rows keep one increasing number per delivery.
 */
export class WebhookDeliveryStore implements DeliveryStore {
  constructor(
    private readonly pg: Knex,
    private readonly encryptionKey: string,
    /** Enqueues deliveries created while recording (webhook.endpoint.disabled). */
    private readonly onDeliveriesCreated: (ids: string[]) => Promise<void> = async () => undefined
  ) {}

  async loadForDispatch(ids: readonly string[], claim: DispatchClaim): Promise<DispatchableDelivery[]> {
    if (!ids.length) return []
    const { rows } = await this.pg.raw<{ rows: ClaimedRow[] }>(
      `with claimed as (
         update delivery d set lease_until = ?, claim_token = ?
          where d.id = any(?::text[]) and d.status = 'pending' and d.target_type = 'webhook_endpoint'
            and d.deleted_at is null and d.next_attempt_at <= ? and (d.lease_until is null or d.lease_until < ?)
         returning d.id, d.attempts - d.schedule_base as attempts, d.event_id, d.target_id)
       select c.id, c.attempts, e.id as event_id, e.type, e.payload::text as body,
              ep.id as endpoint_id, ep.url, ep.secrets, (ep.disabled_at is not null or ep.deleted_at is not null) as disabled,
              ep.schedule_ms, ep.max_concurrency, ep.rate_limit_per_second, ep.headers, ep.failing_since
         from claimed c join hub_event e on e.id = c.event_id join webhook_endpoint ep on ep.id = c.target_id`,
      [claim.leaseUntil, claim.claimToken, ids as string[], claim.now, claim.now]
    )
    return rows.map((r) => ({
      id: r.id,
      attempts: r.attempts,
      event: { id: r.event_id, type: r.type, body: r.body },
      endpoint: {
        id: r.endpoint_id,
        url: r.url,
        secrets: r.disabled ? [] : openSecrets(r.secrets, this.encryptionKey),
        disabled: r.disabled,
        retrySchedule: r.schedule_ms,
        maxConcurrency: r.max_concurrency,
        rateLimitPerSecond: r.rate_limit_per_second,
        headers: r.headers,
        failingSince: r.failing_since,
      },
    }))
  }

  async recordResults(batch: ResultBatch): Promise<void> {
    const created: string[] = []
    await this.pg.transaction(async (trx) => {
      if (batch.attempts.length) {
        const a = batch.attempts
        await trx.raw(
          `insert into delivery_attempt (id, delivery_id, attempt, outcome, status_code, duration_ms, response_body, error, created_at, updated_at)
           select v.id, v.delivery_id, d.schedule_base + v.attempt, v.outcome, v.status_code, v.duration_ms, v.response_body, v.error, v.started_at, now()
             from unnest(?::text[], ?::text[], ?::int[], ?::text[], ?::int[], ?::int[], ?::text[], ?::text[], ?::timestamptz[])
                  as v(id, delivery_id, attempt, outcome, status_code, duration_ms, response_body, error, started_at)
             join delivery d on d.id = v.delivery_id
           on conflict (delivery_id, attempt) where deleted_at is null do nothing`,
          [
            a.map(() => generateEntityId(undefined, "att")),
            a.map((x) => x.deliveryId),
            a.map((x) => x.attemptNumber),
            a.map((x) => x.outcome),
            a.map((x) => x.status),
            a.map((x) => Math.round(x.durationMs)),
            a.map((x) => (x.responseBody === null ? null : stripNul(x.responseBody))),
            a.map((x) => (x.error === null ? null : stripNul(x.error))),
            a.map((x) => x.startedAt.toISOString()),
          ] as unknown as Knex.RawBinding[]
        )
      }
      if (batch.deliveries.length) {
        const lastAttempt = new Map(batch.attempts.map((a) => [a.deliveryId, a]))
        const u = batch.deliveries
        // Only the claim holder may write: a worker whose lease expired (and
        // whose delivery was re-claimed) must not overwrite the newer result.
        await trx.raw(
          `update delivery d set status = v.status, attempts = d.schedule_base + v.attempts,
                  next_attempt_at = coalesce(v.next_at, d.next_attempt_at),
                  failure_reason = v.reason, completed_at = v.done_at,
                  last_status_code = case when v.attempted then v.code else d.last_status_code end,
                  last_error = case when v.attempted then v.err else d.last_error end,
                  lease_until = null, claim_token = null, updated_at = now()
             from unnest(?::text[], ?::text[], ?::text[], ?::int[], ?::timestamptz[], ?::text[], ?::timestamptz[], ?::bool[], ?::int[], ?::text[])
                  as v(id, token, status, attempts, next_at, reason, done_at, attempted, code, err)
            where d.id = v.id and d.claim_token = v.token and d.status = 'pending'`,
          [
            u.map((x) => x.deliveryId),
            u.map((x) => x.claimToken),
            u.map((x) => x.status),
            u.map((x) => x.attempts),
            u.map((x) => (x.status === "pending" ? x.nextAttemptAt.toISOString() : null)),
            u.map((x) => (x.status === "failed" ? x.reason : null)),
            u.map((x) => (x.status === "pending" ? null : x.at.toISOString())),
            u.map((x) => lastAttempt.has(x.deliveryId)),
            u.map((x) => lastAttempt.get(x.deliveryId)?.status ?? null),
            u.map((x) => {
              const err = lastAttempt.get(x.deliveryId)?.error
              return err ? stripNul(err).slice(0, 1000) : null
            }),
          ] as unknown as Knex.RawBinding[]
        )
      }
      for (const health of batch.endpoints) created.push(...(await this.applyHealth(trx, health)))
    })
    if (created.length) await this.onDeliveriesCreated(created).catch(() => undefined)
  }

  /**
   * Writes only when something changes, so a healthy endpoint's results do
   * not take a row lock on it in every batch (concurrent batches and workers
   * would queue behind each other).
   */
  private async applyHealth(trx: Knex.Transaction, health: EndpointHealthUpdate): Promise<string[]> {
    if (health.kind === "recovered") {
      await trx("webhook_endpoint").where({ id: health.endpointId }).whereNotNull("failing_since").update({ failing_since: null })
      return []
    }
    if (health.kind === "failing") {
      const query = trx("webhook_endpoint").where({ id: health.endpointId })
      if (!health.restart) query.whereNull("failing_since")
      await query.update({ failing_since: health.at })
      return []
    }
    const flipped: { id: string; partner_id: string; url: string }[] = await trx("webhook_endpoint")
      .where({ id: health.endpointId })
      .whereNull("disabled_at")
      .update({ disabled_at: health.at, disabled_reason: health.event.reason })
      .returning(["id", "partner_id", "url"])
    if (!flipped.length) return []
    const [endpoint] = flipped
    // Only the same partner's other endpoints hear about it.
    const event = await insertHubEvent(trx, {
      type: ENDPOINT_DISABLED_EVENT_TYPE,
      resource_type: "webhook_endpoint",
      resource_id: endpoint.id,
      dedupe_key: `${ENDPOINT_DISABLED_EVENT_TYPE}:${endpoint.id}:${health.at.toISOString()}`,
      data: {
        endpoint: { id: endpoint.id, partner_id: endpoint.partner_id, url: endpoint.url },
        reason: health.event.reason,
        failing_since: health.event.failingSince?.toISOString() ?? null,
        disabled_at: health.at.toISOString(),
      },
      partner_id: endpoint.partner_id,
      exclude_endpoint_ids: [endpoint.id],
    })
    return event.webhook_delivery_ids
  }
}

/** Postgres text cannot hold NUL; a receiver's binary response body may. */
function stripNul(text: string): string {
  return text.includes("\u0000") ? text.replace(/\u0000/g, "") : text
}
