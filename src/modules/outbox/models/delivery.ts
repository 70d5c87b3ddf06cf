import { model } from "@medusajs/framework/utils"

export const DELIVERY_STATUSES = ["pending", "delivered", "failed", "canceled"] as const

/**
 * One event for one consumer target (a webhook endpoint or an ERP connection).
 * Postgres is the truth: queues only carry delivery ids, and the reconciler
 * re-enqueues rows that are due but were lost from Redis.
 */
export const Delivery = model
  .define("delivery", {
    id: model.id({ prefix: "dlv" }).primaryKey(),
    event_id: model.text(),
    target_type: model.enum(["webhook_endpoint", "erp_connection"]),
    target_id: model.text(),
    status: model.enum([...DELIVERY_STATUSES]).default("pending"),
    /** Attempts made in the delivery's whole life; attempt rows are numbered by it. */
    attempts: model.number().default(0),
    /**
     * `attempts` when a manual retry or a recovery gave the delivery a fresh
     * retry schedule: the schedule position is `attempts - schedule_base`.
     */
    schedule_base: model.number().default(0),
    next_attempt_at: model.dateTime().nullable(),
    /** A worker's claim: no other worker takes the delivery before this. */
    lease_until: model.dateTime().nullable(),
    claim_token: model.text().nullable(),
    failure_reason: model.text().nullable(),
    last_status_code: model.number().nullable(),
    last_error: model.text().nullable(),
    result_ref: model.text().nullable(),
    completed_at: model.dateTime().nullable(),
    /**
     * The delivery's first attempt, when it succeeded: kept here instead of a
     * delivery_attempt row (lib/delivery-results.ts); lib/attempt-log.ts reads both.
     */
    first_attempt_at: model.dateTime().nullable(),
    first_status_code: model.number().nullable(),
    first_duration_ms: model.number().nullable(),
    first_response_body: model.text().nullable(),
  })
  .indexes([
    { on: ["event_id", "target_type", "target_id"], unique: true },
    // The reconciler's "pending and due" scan. Partial: a finished delivery
    // leaves it (its final update adds no entry here), so it stays small.
    { on: ["next_attempt_at"], where: "status = 'pending' AND deleted_at IS NULL" },
    // An endpoint's deliveries, newest first (the delivery log, recover since T).
    { on: ["target_type", "target_id", "created_at"] },
  ])
