import type { Knex } from "@medusajs/framework/mikro-orm/knex"
import type {
  AttemptRecord,
  DeliveryStore,
  DispatchableDelivery,
  DispatchClaim,
  EndpointConfig,
  EndpointHealthUpdate,
  ResultBatch,
  WebhookEventPayload,
} from "../../../../webhooks"
import { ENDPOINT_DISABLED_EVENT_TYPE } from "../catalogue"
import { claimWithLeaseSql } from "./delivery-claims"
import { deliveryResultsSql, type AttemptEntry, type DeliveryResult } from "./delivery-results"
import { insertHubEvent } from "./insert-event"
import { openSecrets, StoredSecrets } from "./endpoint-secrets"
import type { EncryptionKeys } from "../../../lib/crypto/secret-box"
import { deliveryResultCounter } from "../../../lib/metrics/registry"

/** backy_delivery_results_total{target="webhook"}: one increment per delivery result recorded. */
const countResult = deliveryResultCounter("webhook")

type ClaimedRow = {
  id: string
  attempts: number
  event_id: string
  endpoint_id: string
  /** The event's columns: on the first of its rows in the batch only (null on the others). */
  type: string | null
  body: string | null
  /** The endpoint's columns: on the first of its rows in the batch only (`url` null on the others). */
  url: string | null
  secrets: StoredSecrets
  disabled: boolean
  schedule_ms: number[] | null
  max_concurrency: number | null
  rate_limit_per_second: number | null
  headers: Record<string, string> | null
  failing_since: Date | null
}

/**
 * The webhook engine's persistence on the hub's Postgres tables, built on the
 * outbox's shared claim-with-lease (`delivery-claims.ts`) and result writer
 * (`delivery-results.ts`), the same two statements the ERP sync uses. Claims
 * are one statement per batch (the lease joined to event and endpoint);
 * results are one statement per batch (plus the endpoints' failure streaks).
 *
 * Attempt numbers: the library counts attempts from the start of the
 * delivery's current retry schedule; a manual retry or a recovery restarts
 * the schedule by setting `schedule_base` to the attempts made so far. The
 * store translates, so attempt rows keep one increasing number per delivery.
 */
export class WebhookDeliveryStore implements DeliveryStore {
  constructor(
    private readonly pg: Knex,
    /** Opens the endpoints' secrets (ENCRYPTION_KEY, ENCRYPTION_KEYS_PREVIOUS). */
    private readonly keys: EncryptionKeys,
    /** Enqueues deliveries created while recording (webhook.endpoint.disabled). */
    private readonly onDeliveriesCreated: (ids: string[]) => Promise<void> = async () => undefined
  ) {}

  async loadForDispatch(ids: readonly string[], claim: DispatchClaim): Promise<DispatchableDelivery[]> {
    if (!ids.length) return []
    const lease = claimWithLeaseSql("webhook_endpoint", ids, {
      now: claim.now,
      leaseUntil: claim.leaseUntil,
      claimToken: claim.claimToken,
      skipTargetIds: claim.skipEndpointIds,
    })
    // A lease needs to be visible to other workers, not to survive a database
    // crash (after one, pending deliveries are simply claimed again), so the
    // claim commits without waiting for the WAL flush; results stay synchronous.
    //
    // An event fans out to many endpoints and an endpoint gets many events, so
    // each event and each endpoint is read and sent once per batch (on the
    // first of its rows) and shared by its deliveries: no repeated payloads,
    // secrets to parse or configs to build per delivery.
    const { rows } = await this.pg.raw<{ rows: ClaimedRow[] }>(
      `with claimed as (${lease.sql}), numbered as (
         select c.*, row_number() over (partition by c.event_id) as nth_of_event,
                row_number() over (partition by c.target_id) as nth_of_endpoint
           from claimed c
       )
       select n.id, n.attempts - n.schedule_base as attempts, n.event_id, n.target_id as endpoint_id,
              e.type, e.payload::text as body,
              ep.url, ep.secrets, (ep.disabled_at is not null or ep.deleted_at is not null) as disabled,
              ep.schedule_ms, ep.max_concurrency, ep.rate_limit_per_second, ep.headers, ep.failing_since
         from numbered n
         left join hub_event e on n.nth_of_event = 1 and e.id = n.event_id
         left join webhook_endpoint ep on n.nth_of_endpoint = 1 and ep.id = n.target_id
        where (select set_config('synchronous_commit', 'off', true)) is not null`,
      lease.bindings
    )
    const events = new Map<string, WebhookEventPayload>()
    const endpoints = new Map<string, EndpointConfig>()
    for (const r of rows) {
      if (r.body !== null) events.set(r.event_id, { id: r.event_id, type: r.type!, body: r.body })
      if (r.url !== null) endpoints.set(r.endpoint_id, this.endpointConfig(r))
    }
    // A claimed delivery whose event or endpoint row is gone (deleted under
    // it) cannot be sent or judged here: it stays leased, and the reconciler
    // offers it again once the lease ends.
    return rows.flatMap((r) => {
      const event = events.get(r.event_id)
      const endpoint = endpoints.get(r.endpoint_id)
      return event && endpoint ? [{ id: r.id, attempts: r.attempts, event, endpoint }] : []
    })
  }

  private endpointConfig(r: ClaimedRow): EndpointConfig {
    return {
      id: r.endpoint_id,
      url: r.url!,
      secrets: r.disabled ? [] : openSecrets(r.secrets, this.keys, r.endpoint_id),
      disabled: r.disabled,
      retrySchedule: r.schedule_ms,
      maxConcurrency: r.max_concurrency,
      rateLimitPerSecond: r.rate_limit_per_second,
      headers: r.headers,
      failingSince: r.failing_since,
    }
  }

  /**
   * One statement (so one round trip, atomic without BEGIN/COMMIT) writes the
   * attempt rows, the delivery updates and the endpoints' failure streaks;
   * at thousands of results per second the round trips, not the rows, are
   * what costs. A batch that disables an endpoint (410 Gone, failing too
   * long) is the rare exception: it commits in one transaction with the
   * disable, so a delivery failed as `endpoint_gone` is never seen (or left
   * by a crash) beside an endpoint that is still enabled.
   */
  async recordResults(batch: ResultBatch): Promise<void> {
    const lastAttempt = new Map(batch.attempts.map((a) => [a.deliveryId, a]))
    const attempts = batch.attempts.map(
      (a): AttemptEntry => ({
        deliveryId: a.deliveryId,
        attempt: a.attemptNumber,
        outcome: a.outcome,
        statusCode: a.status,
        durationMs: a.durationMs,
        responseBody: a.responseBody,
        error: a.error,
        startedAt: a.startedAt,
      })
    )
    // A deferral (no attempt) keeps the delivery's last error and status.
    const results = batch.deliveries.map((u): DeliveryResult => {
      const attempt = lastAttempt.get(u.deliveryId)
      return {
        deliveryId: u.deliveryId,
        claimToken: u.claimToken,
        status: u.status,
        attempts: u.attempts,
        nextAttemptAt: u.status === "pending" ? u.nextAttemptAt : null,
        failureReason: u.status === "failed" ? u.reason : null,
        completedAt: u.status === "pending" ? null : u.at,
        ...(attempt ? { last: { error: attempt.error?.slice(0, 1000) ?? null, statusCode: attempt.status } } : {}),
      }
    })
    const written = deliveryResultsSql(attempts, results)
    // Streak updates write only when something changes, so a healthy
    // endpoint's results do not lock its row in every batch of every worker.
    const streaks = batch.endpoints
      .filter((h) => h.kind !== "disable")
      .map((h) => ({
        endpoint_id: h.endpointId,
        kind: h.kind,
        at: h.at.toISOString(),
        restart: h.kind === "failing" && h.restart,
      }))
    const writeResults = (db: Knex | Knex.Transaction) =>
      db.raw(
        `with ${written.sql}, h as (
         select * from json_to_recordset(?::json) as v(endpoint_id text, kind text, at timestamptz, restart bool)
       ), streaks as (
         update webhook_endpoint ep set failing_since = case when h.kind = 'recovered' then null else h.at end
           from h
          where ep.id = h.endpoint_id
            and ((h.kind = 'recovered' and ep.failing_since is not null)
              or (h.kind = 'failing' and (h.restart or ep.failing_since is null)))
         returning 1
       )
       select (select count(*) from logged) as logged, (select count(*) from updated) as updated, (select count(*) from streaks) as streaks`,
        [...written.bindings, JSON.stringify(streaks)]
      )
    const disables = batch.endpoints.filter((h) => h.kind === "disable")
    if (!disables.length) {
      await writeResults(this.pg)
      countResults(batch, lastAttempt)
      return
    }
    const created: string[] = []
    await this.pg.transaction(async (trx) => {
      await writeResults(trx)
      for (const health of disables) created.push(...(await this.applyHealth(trx, health)))
    })
    countResults(batch, lastAttempt)
    if (created.length) await this.onDeliveriesCreated(created).catch(() => undefined)
  }

  /** Disables the endpoint once (a concurrent batch may have done it) and records `webhook.endpoint.disabled`. */
  private async applyHealth(trx: Knex.Transaction, health: EndpointHealthUpdate): Promise<string[]> {
    if (health.kind !== "disable") return []
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

/** Once written: each delivery's result by its attempt's outcome, or `deferred` (rescheduled without an attempt). */
function countResults(batch: ResultBatch, lastAttempt: ReadonlyMap<string, AttemptRecord>): void {
  for (const update of batch.deliveries) countResult(lastAttempt.get(update.deliveryId)?.outcome ?? "deferred")
}
