import type { Knex } from "@medusajs/framework/mikro-orm/knex"
import { generateEntityId } from "@medusajs/framework/utils"
import type { DeliveryStore, DispatchableDelivery, DispatchClaim, ResultBatch } from "../../../../webhooks"
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
  disabled_at: Date | null
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
         returning d.id, d.attempts, d.event_id, d.target_id)
       select c.id, c.attempts, e.id as event_id, e.type, e.payload::text as body,
              ep.id as endpoint_id, ep.url, ep.secrets, ep.disabled_at, ep.schedule_ms, ep.max_concurrency,
              ep.rate_limit_per_second, ep.headers, ep.failing_since
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
        secrets: openSecrets(r.secrets, this.encryptionKey),
        disabled: !!r.disabled_at,
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
        const values = batch.attempts.map((a) => [
          generateEntityId(undefined, "att"),
          a.deliveryId,
          a.attemptNumber,
          a.outcome,
          a.status,
          a.durationMs,
          a.responseBody,
          a.error,
          a.startedAt,
        ])
        await trx.raw(
          `insert into delivery_attempt (id, delivery_id, attempt, outcome, status_code, duration_ms, response_body, error, created_at, updated_at)
           values ${values.map(() => "(?, ?, ?, ?, ?, ?, ?, ?, ?, now())").join(", ")}
           on conflict (delivery_id, attempt) where deleted_at is null do nothing`,
          values.flat()
        )
      }
      const lastAttempt = new Map(batch.attempts.map((a) => [a.deliveryId, a]))
      if (batch.deliveries.length) {
        const values = batch.deliveries.map((u) => {
          const attempt = lastAttempt.get(u.deliveryId)
          return [
            u.deliveryId,
            u.claimToken,
            u.status,
            u.attempts,
            u.status === "pending" ? u.nextAttemptAt : null,
            u.status === "failed" ? u.reason : null,
            u.status === "pending" ? null : u.at,
            attempt?.status ?? null,
            attempt?.error ?? null,
          ]
        })
        // Only the claim holder may write: a worker whose lease expired (and
        // whose delivery was re-claimed) must not overwrite the newer result.
        await trx.raw(
          `update delivery d set status = v.status, attempts = v.attempts::int,
                  next_attempt_at = coalesce(v.next_at::timestamptz, d.next_attempt_at),
                  failure_reason = v.reason, completed_at = v.done_at::timestamptz,
                  last_status_code = coalesce(v.code::int, d.last_status_code), last_error = v.err,
                  lease_until = null, claim_token = null, updated_at = now()
             from (values ${values.map(() => "(?, ?, ?, ?, ?, ?, ?, ?, ?)").join(", ")})
                  as v(id, token, status, attempts, next_at, reason, done_at, code, err)
            where d.id = v.id and d.claim_token = v.token and d.status = 'pending'`,
          values.flat()
        )
      }
      for (const health of batch.endpoints) {
        if (health.kind === "recovered") {
          await trx("webhook_endpoint").where({ id: health.endpointId }).update({ failing_since: null })
        } else if (health.kind === "failing") {
          await trx("webhook_endpoint")
            .where({ id: health.endpointId })
            .update({ failing_since: health.restart ? health.at : trx.raw("coalesce(failing_since, ?)", [health.at]) })
        } else {
          const flipped = await trx("webhook_endpoint")
            .where({ id: health.endpointId })
            .whereNull("disabled_at")
            .update({ disabled_at: health.at, disabled_reason: health.event.reason })
            .returning(["id", "partner_id", "url"])
          if (flipped.length) {
            const event = await insertHubEvent(trx, {
              type: "webhook.endpoint.disabled",
              resource_type: "webhook_endpoint",
              resource_id: health.endpointId,
              dedupe_key: `webhook.endpoint.disabled:${health.endpointId}:${health.at.toISOString()}`,
              data: {
                endpoint: { id: flipped[0].id, partner_id: flipped[0].partner_id, url: flipped[0].url },
                reason: health.event.reason,
                failing_since: health.event.failingSince?.toISOString() ?? null,
                disabled_at: health.at.toISOString(),
              },
              exclude_endpoint_ids: [health.endpointId],
            })
            created.push(...event.webhook_delivery_ids)
          }
        }
      }
    })
    if (created.length) await this.onDeliveriesCreated(created).catch(() => undefined)
  }
}
