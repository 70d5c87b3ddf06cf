import type { Knex } from "@medusajs/framework/mikro-orm/knex"
import { generateEntityId } from "@medusajs/framework/utils"
import type { DeliveryOutcome } from "../../../../../webhooks/core"
import { deliveryResultsSql, type AttemptEntry, type DeliveryResult } from "../../../outbox/lib/delivery-results"
import { insertHubEvent } from "../../../outbox/lib/insert-event"
import type { ClaimedSync } from "./claim-syncs"
import { deliveryResultCounter } from "../../../../lib/metrics/registry"

/** backy_delivery_results_total{target="erp"}: one increment per sync result recorded. */
const countResult = deliveryResultCounter("erp")

/** What one delivery's sync came to; `recordSyncOutcomes` writes it. */
export type SyncOutcome =
  | {
      kind: "delivered"
      /** The ERP's id for the order (the external-id map). */
      erpId: string | null
      /** The ERP document this sync made besides the order (a return's credit memo): the sync's result. */
      documentId?: string
      startedAt: number
      durationMs: number
    }
  | {
      kind: "retry"
      delayMs: number
      error: string
      status?: number
      /** The attempt that failed; absent when no attempt was made (the worker could not run the sync). */
      attempt?: { outcome: DeliveryOutcome; startedAt: number; durationMs: number }
    }
  | {
      kind: "failed"
      reason: "permanent" | "exhausted"
      outcome: DeliveryOutcome
      error: string
      status?: number
      startedAt: number
      durationMs: number
    }
  | { kind: "paused"; delayMs: number; error: string }
  | { kind: "canceled"; error: string }

export type CompletedSync = { claimed: ClaimedSync; outcome: SyncOutcome }

/**
 * Writes a batch of outcomes in one transaction: the attempt log and the
 * deliveries through the outbox's shared result writer (applied only while
 * still claimed by us), then the ERP's own parts: the external-id map and,
 * for failures, the `erp.sync_failed` event. Resolves per item to whether the
 * delivery was still ours, and hands the events' webhook deliveries to
 * `enqueueWebhooks` once committed.
 */
export async function recordSyncOutcomes(
  pg: Knex,
  items: CompletedSync[],
  enqueueWebhooks: (ids: string[]) => Promise<void>
): Promise<boolean[]> {
  const now = new Date()
  const webhookDeliveryIds: string[] = []
  const stillOurs = await pg.transaction(async (trx) => {
    const written = deliveryResultsSql(
      items.flatMap(({ claimed, outcome }) => attemptEntry(claimed, outcome) ?? []),
      items.map(({ claimed, outcome }) => deliveryResult(claimed, outcome, now))
    )
    const { rows } = await trx.raw<{ rows: { id: string }[] }>(
      `with ${written.sql} select id from updated`,
      written.bindings
    )
    const ours = new Set(rows.map((r) => r.id))

    const links = items.filter(
      ({ claimed, outcome }) => ours.has(claimed.id) && outcome.kind === "delivered" && outcome.erpId
    )
    if (links.length) {
      await trx.raw(
        `insert into erp_order_link (id, order_id, connection_id, erp_id, created_at, updated_at)
         values ${links.map(() => "(?, ?, ?, ?, now(), now())").join(", ")}
         on conflict (order_id, connection_id) where connection_id is not null and deleted_at is null
         do update set erp_id = excluded.erp_id, updated_at = now()`,
        links.flatMap(({ claimed, outcome }) => [
          generateEntityId(undefined, "erpl"),
          claimed.order_id,
          claimed.connection!.id,
          (outcome as { erpId: string }).erpId,
        ])
      )
    }

    for (const { claimed, outcome } of items) {
      if (!ours.has(claimed.id) || outcome.kind !== "failed") continue
      const event = await insertHubEvent(trx, {
        type: "erp.sync_failed",
        resource_type: "order",
        resource_id: claimed.order_id,
        dedupe_key: `erp.sync_failed:${claimed.id}:${claimed.attempts + 1}`,
        data: {
          order_id: claimed.order_id,
          connection_id: claimed.connection!.id,
          delivery_id: claimed.id,
          attempts: claimed.attempts + 1,
          error: outcome.reason === "exhausted" ? `retries exhausted; last error: ${outcome.error}` : outcome.error,
        },
      })
      webhookDeliveryIds.push(...event.webhook_delivery_ids)
    }
    return items.map(({ claimed }) => ours.has(claimed.id))
  })
  for (const { outcome } of items) countResult(resultOutcome(outcome))
  if (webhookDeliveryIds.length) await enqueueWebhooks(webhookDeliveryIds).catch(() => undefined)
  return stillOurs
}

/** The metrics' outcome of a sync result: its attempt's, or `deferred` (no attempt: paused, worker trouble), `canceled`. */
function resultOutcome(outcome: SyncOutcome): string {
  switch (outcome.kind) {
    case "delivered":
      return "success"
    case "failed":
      return outcome.outcome
    case "retry":
      return outcome.attempt?.outcome ?? "deferred"
    case "paused":
      return "deferred"
    case "canceled":
      return "canceled"
  }
}

/** The attempt-log row of a sync, or null when no attempt was made (paused, canceled, worker trouble). */
function attemptEntry(claimed: ClaimedSync, outcome: SyncOutcome): AttemptEntry | null {
  const attempt = scheduleAttempts(claimed) + 1
  const entry = (o: DeliveryOutcome, startedAt: number, durationMs: number, error: string | null, status?: number) => ({
    deliveryId: claimed.id,
    attempt,
    outcome: o,
    statusCode: status ?? null,
    durationMs,
    responseBody: null,
    error,
    startedAt: new Date(startedAt),
  })
  switch (outcome.kind) {
    case "delivered":
      return entry("success", outcome.startedAt, outcome.durationMs, null)
    case "failed":
      return entry(outcome.outcome, outcome.startedAt, outcome.durationMs, outcome.error, outcome.status)
    case "retry":
      if (!outcome.attempt) return null
      return entry(
        outcome.attempt.outcome,
        outcome.attempt.startedAt,
        outcome.attempt.durationMs,
        outcome.error,
        outcome.status
      )
    default:
      return null
  }
}

/** The delivery's new state; the last error, status and ERP id are always replaced, as the sync saw them. */
function deliveryResult(claimed: ClaimedSync, outcome: SyncOutcome, now: Date): DeliveryResult {
  const made = scheduleAttempts(claimed)
  const base = { deliveryId: claimed.id, claimToken: claimed.token, resultRef: null }
  const later = (delayMs: number) => new Date(now.getTime() + delayMs)
  switch (outcome.kind) {
    case "delivered":
      return {
        ...base,
        status: "delivered",
        attempts: made + 1,
        completedAt: now,
        resultRef: outcome.documentId ?? outcome.erpId,
        last: { error: null, statusCode: null },
      }
    case "retry":
      return {
        ...base,
        status: "pending",
        attempts: outcome.attempt ? made + 1 : made,
        nextAttemptAt: later(outcome.delayMs),
        last: { error: outcome.error, statusCode: outcome.status ?? null },
      }
    case "failed":
      return {
        ...base,
        status: "failed",
        attempts: made + 1,
        failureReason: outcome.reason,
        completedAt: now,
        last: { error: outcome.error, statusCode: outcome.status ?? null },
      }
    case "paused":
      return {
        ...base,
        status: "pending",
        attempts: made,
        nextAttemptAt: later(outcome.delayMs),
        last: { error: outcome.error, statusCode: null },
      }
    case "canceled":
      return {
        ...base,
        status: "canceled",
        attempts: made,
        failureReason: "connection_deleted",
        completedAt: now,
        last: { error: outcome.error, statusCode: null },
      }
  }
}

/** Attempts made in the current retry schedule: the shared writer numbers from `schedule_base`. */
function scheduleAttempts(claimed: ClaimedSync): number {
  return claimed.attempts - claimed.schedule_base
}
