/**
 * Collects finished deliveries from every concurrent batch and records them
 * in few store calls, through the durability core's batcher (the one the ERP
 * sync records its outcomes with): a flush happens `flushIntervalMs` after the
 * first pending result or as soon as `maxBatch` are pending. Results are
 * recorded as each delivery finishes, so a slow delivery never holds back the
 * bookkeeping of fast ones in the same job. After a successful write the
 * pending deliveries are handed to `scheduleRetries` (persist first, then
 * enqueue: a lost enqueue is repaired by the reconciler, a lost write is not).
 * @module
 */
import { createBatcher } from "../core/batcher"
import { planEndpointHealth } from "./health"
import type { HealthSignal } from "./health"
import type { AttemptRecord, DeliveryStore, DeliveryUpdate } from "./store"

/** A delivery that became due again, for the retry lane. */
export interface ScheduledRetry {
  deliveryId: string
  endpointId: string
  /** Epoch ms. */
  dueAt: number
  /** Handed to this worker (due now); `dueAt` is then a fallback, should it not take the delivery. */
  handOverTo?: string
}

/** The outcome of one delivery's pass through the pipeline. */
export interface CompletedDelivery {
  update: DeliveryUpdate
  attempt?: AttemptRecord
  health?: HealthSignal
  /** Left pending for another worker, which holds a part of the endpoint's limits; the retry lane's job is a fallback at `fallbackAt`. */
  handOver?: { to: string; fallbackAt: number }
}

export interface ResultBatcherOptions {
  store: DeliveryStore
  scheduleRetries?: (retries: readonly ScheduledRetry[]) => Promise<void>
  maxBatch: number
  flushIntervalMs: number
  disableAfterMs?: number
  now: () => number
}

export interface ResultBatcher {
  /** Resolves once `completed` is persisted (and its retry, if any, scheduled). */
  add(completed: CompletedDelivery): Promise<void>
  /** Flushes whatever is pending. */
  drain(): Promise<void>
}

export function createResultBatcher(options: ResultBatcherOptions): ResultBatcher {
  const { store, scheduleRetries, maxBatch, flushIntervalMs, disableAfterMs, now } = options

  const write = async (items: CompletedDelivery[]): Promise<void[]> => {
    const attempts: AttemptRecord[] = []
    const signals: HealthSignal[] = []
    for (const item of items) {
      if (item.attempt) attempts.push(item.attempt)
      if (item.health) signals.push(item.health)
    }
    await store.recordResults({
      attempts,
      deliveries: items.map((i) => i.update),
      endpoints: planEndpointHealth(signals, { now: new Date(now()), disableAfterMs }),
    })
    const retries: ScheduledRetry[] = []
    for (const { update, handOver } of items) {
      if (update.status === "pending") {
        retries.push({
          deliveryId: update.deliveryId,
          endpointId: update.endpointId,
          dueAt: handOver ? handOver.fallbackAt : update.nextAttemptAt.getTime(),
          ...(handOver ? { handOverTo: handOver.to } : {}),
        })
      }
    }
    if (retries.length > 0 && scheduleRetries) await scheduleRetries(retries)
    return []
  }

  return createBatcher(write, { maxBatch, flushIntervalMs })
}
