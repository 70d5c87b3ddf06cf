import type { DeliveryOutcome } from "../../../../webhooks/core"
import type { SqlPart } from "./delivery-claims"
import { hubId } from "./ids"

/**
 * One row of the attempt log. `attempt` counts from the start of the
 * delivery's current retry schedule (1 = its first attempt); the writer adds
 * `schedule_base`, so attempt rows keep one increasing number per delivery.
 */
export type AttemptEntry = {
  deliveryId: string
  attempt: number
  outcome: DeliveryOutcome
  statusCode: number | null
  durationMs: number
  responseBody: string | null
  error: string | null
  startedAt: Date
}

/** What a claim came to for one delivery. */
export type DeliveryResult = {
  deliveryId: string
  /** The claim this result belongs to: only its holder may write. */
  claimToken: string
  status: "pending" | "delivered" | "failed" | "canceled"
  /** Attempts made in the current retry schedule, this one included. */
  attempts: number
  /** When a pending delivery is due again; absent keeps the current time. */
  nextAttemptAt?: Date | null
  failureReason?: string | null
  completedAt?: Date | null
  /** Replaces `last_error` / `last_status_code`; absent keeps them (e.g. a deferral without an attempt). */
  last?: { error: string | null; statusCode: number | null }
  /** Replaces `result_ref` (the target's id for what was delivered); absent keeps it. */
  resultRef?: string | null
}

/**
 * The one result writer of the outbox, for every target type: CTEs that apply
 * each delivery's result only while the row is still `pending` and still
 * carries the result's claim token (a worker whose lease expired must not
 * overwrite a newer claim), clearing the lease, and insert the attempt rows
 * (ignoring ones already written: recording a batch twice after a crash is
 * harmless). The caller writes them as one statement, adding its target's own
 * CTEs and final select:
 *
 *   with <sql>, … select id from updated
 *
 * `updated` returns the id of every delivery the results were applied to,
 * `logged` one row per inserted attempt.
 *
 * Attempt rows only when there is something to tell: a delivery's very first
 * attempt that succeeds (most deliveries) is kept in the delivery row's
 * `first_*` columns instead of a `delivery_attempt` row, which saves a row
 * and its index entries on the hot path; `attempt-log.ts` reads both as one
 * log. A first success whose result was not applied (a stale claim, a batch
 * recorded twice) still gets its row, and the log prefers the row.
 */
export function deliveryResultsSql(attempts: readonly AttemptEntry[], results: readonly DeliveryResult[]): SqlPart {
  // A first success travels once, in its delivery's result (the `first_*`
  // columns); the statement writes its attempt row from there only when the
  // row did not keep it. Every other attempt goes in the attempt list.
  const resultIds = new Set(results.map((r) => r.deliveryId))
  const firstSuccess = new Map(
    attempts
      .filter((a) => a.attempt === 1 && a.outcome === "success" && resultIds.has(a.deliveryId))
      .map((a) => [a.deliveryId, a])
  )
  // Rows travel as JSON with absent keys for nulls and times as epoch
  // milliseconds: Postgres parses a timestamp string several times slower
  // than a number, and a shorter document is cheaper to build and to parse.
  const attemptRows = attempts
    .filter((a) => firstSuccess.get(a.deliveryId) !== a)
    .map((a) => ({
      id: hubId("att"),
      delivery_id: a.deliveryId,
      attempt: a.attempt,
      outcome: a.outcome,
      status_code: a.statusCode ?? undefined,
      duration_ms: Math.round(a.durationMs),
      response_body: a.responseBody === null ? undefined : stripNul(a.responseBody),
      error: a.error === null ? undefined : stripNul(a.error),
      started_ms: a.startedAt.getTime(),
    }))
  const resultRows = results.map((r) => ({
    id: r.deliveryId,
    token: r.claimToken,
    status: r.status,
    attempts: r.attempts,
    next_ms: r.nextAttemptAt?.getTime(),
    reason: r.failureReason ?? undefined,
    done_ms: r.completedAt?.getTime(),
    set_last: r.last !== undefined || undefined,
    code: r.last?.statusCode ?? undefined,
    err: r.last?.error == null ? undefined : stripNul(r.last.error),
    set_ref: r.resultRef !== undefined || undefined,
    ref: r.resultRef ?? undefined,
    ...firstAttemptColumns(firstSuccess.get(r.deliveryId)),
  }))
  // The `d.id = any(ids)` predicates repeat the joins on purpose: they give
  // the planner an index path whatever its row estimates (a function scan is
  // guessed at 100 rows; fresh tables have no statistics).
  return {
    sql: `a as (
         select v.*, to_timestamp(v.started_ms / 1000.0) as started_at
           from json_to_recordset(?::json) as v(id text, delivery_id text, attempt int, outcome text, status_code int,
                                                 duration_ms int, response_body text, error text, started_ms bigint)
       ), u as (
         select v.*, to_timestamp(v.next_ms / 1000.0) as next_at, to_timestamp(v.done_ms / 1000.0) as done_at,
                to_timestamp(v.first_started_ms / 1000.0) as first_at
           from json_to_recordset(?::json) as v(id text, token text, status text, attempts int, next_ms bigint,
                                                 reason text, done_ms bigint, set_last bool, code int, err text,
                                                 set_ref bool, ref text, first_id text, first_started_ms bigint, first_duration_ms int,
                                                 first_code int, first_body text)
       ), updated as (
         update delivery d set status = u.status, attempts = d.schedule_base + u.attempts,
                next_attempt_at = coalesce(u.next_at, d.next_attempt_at),
                failure_reason = u.reason, completed_at = u.done_at,
                last_status_code = case when u.set_last then u.code else d.last_status_code end,
                last_error = case when u.set_last then u.err else d.last_error end,
                result_ref = case when u.set_ref then u.ref else d.result_ref end,
                first_attempt_at = case when u.first_at is not null and d.attempts = 0 then u.first_at else d.first_attempt_at end,
                first_status_code = case when u.first_at is not null and d.attempts = 0 then u.first_code else d.first_status_code end,
                first_duration_ms = case when u.first_at is not null and d.attempts = 0 then u.first_duration_ms else d.first_duration_ms end,
                first_response_body = case when u.first_at is not null and d.attempts = 0 then u.first_body else d.first_response_body end,
                lease_until = null, claim_token = null, updated_at = now()
           from u
          where d.id = u.id and d.id = any(?::text[]) and (d.claim_token = u.token and d.status = 'pending') is true
         returning d.id, (u.first_at is not null and d.first_attempt_at = u.first_at) as kept_first
       ), logged as (
         insert into delivery_attempt (id, delivery_id, attempt, outcome, status_code, duration_ms, response_body, error, created_at, updated_at)
         select a.id, a.delivery_id, d.schedule_base + a.attempt, a.outcome, a.status_code, a.duration_ms, a.response_body, a.error, a.started_at, now()
           from a join delivery d on d.id = a.delivery_id and d.id = any(?::text[])
         union all
         select u.first_id, u.id, d.schedule_base + 1, 'success', u.first_code, u.first_duration_ms, u.first_body, null, u.first_at, now()
           from u join delivery d on d.id = u.id and d.id = any(?::text[])
          where u.first_at is not null and not exists (select 1 from updated k where k.id = u.id and k.kept_first)
         on conflict (delivery_id, attempt) where deleted_at is null do nothing
         returning 1
       )`,
    bindings: [
      JSON.stringify(attemptRows),
      JSON.stringify(resultRows),
      resultRows.map((r) => r.id),
      attemptRows.map((a) => a.delivery_id),
      [...firstSuccess.keys()],
    ],
  }
}

/** A first attempt's success as the delivery row keeps it (no columns when there is none). */
function firstAttemptColumns(attempt: AttemptEntry | undefined) {
  if (!attempt) return {}
  return {
    first_id: hubId("att"),
    first_started_ms: attempt.startedAt.getTime(),
    first_duration_ms: Math.round(attempt.durationMs),
    first_code: attempt.statusCode ?? undefined,
    first_body: attempt.responseBody === null ? undefined : stripNul(attempt.responseBody),
  }
}

/** Postgres text cannot hold NUL; a receiver's binary response body (or an error quoting it) may. */
function stripNul(text: string): string {
  return text.includes("\u0000") ? text.replaceAll("\u0000", "") : text
}
