/**
 * An operator's "send it again now" on one delivery, and its undo. A
 * finished delivery (failed, canceled, or delivered: a resend) gets a fresh
 * retry schedule (`schedule_base` = attempts so far); a pending one just
 * stops waiting. A delivery a worker holds right now is left alone.
 */
import type { Knex } from "@medusajs/framework/mikro-orm/knex"

/** The columns a reschedule changes, as they were before it. */
export type DeliveryScheduleSnapshot = {
  id: string
  attempts: number
  status: string
  schedule_base: number
  next_attempt_at: Date | null
  failure_reason: string | null
  completed_at: Date | null
  updated_at: Date
}

/**
 * Makes the delivery due now. Returns what it was before, or null when
 * nothing changed (no such delivery, or a worker holds it: its outcome
 * decides what happens next).
 */
export async function rescheduleDeliveryNow(pg: Knex, id: string): Promise<DeliveryScheduleSnapshot | null> {
  // The CTE reads the row as it was; the update's `returning` hands back that snapshot.
  const { rows } = await pg.raw<{ rows: DeliveryScheduleSnapshot[] }>(
    `with before as (
       select id, attempts, status, schedule_base, next_attempt_at, failure_reason, completed_at, updated_at
         from delivery
        where id = ? and deleted_at is null and (status <> 'pending' or lease_until is null or lease_until < now())
          for update
     )
     update delivery d set
        schedule_base = case when d.status = 'pending' then d.schedule_base else d.attempts end,
        status = 'pending', next_attempt_at = now(), failure_reason = null, completed_at = null, updated_at = now()
       from before
      where d.id = before.id
      returning before.*`,
    [id]
  )
  return rows[0] ?? null
}

/**
 * Puts back what rescheduleDeliveryNow changed, unless a worker has taken
 * the delivery since (it holds a lease or has made an attempt): then the
 * delivery's own outcome stands.
 */
export async function restoreDeliverySchedule(pg: Knex, before: DeliveryScheduleSnapshot): Promise<void> {
  await pg("delivery")
    .where({ id: before.id, attempts: before.attempts, status: "pending" })
    .andWhere((q) => q.whereNull("lease_until").orWhere("lease_until", "<", pg.fn.now()))
    .update({
      status: before.status,
      schedule_base: before.schedule_base,
      next_attempt_at: before.next_attempt_at,
      failure_reason: before.failure_reason,
      completed_at: before.completed_at,
      updated_at: before.updated_at,
    })
}
