import type { Knex } from "@medusajs/framework/mikro-orm/knex"

/** A piece of SQL with its bindings, in the order its placeholders appear. */
export type SqlPart = { sql: string; bindings: Knex.RawBinding[] }

export type DeliveryTargetType = "webhook_endpoint" | "erp_connection"

/** One worker's claim on a batch of deliveries. */
export type LeaseClaim = {
  now: Date
  /** Other workers must not claim the delivery before this. */
  leaseUntil: Date
  /** Identifies this claim; its results carry it back (see `deliveryResultsSql`). */
  claimToken: string
  /** Targets this worker cannot serve right now: their deliveries are left untouched. */
  skipTargetIds?: readonly string[]
}

/**
 * The one claim-with-lease statement of the outbox, for every target type:
 * leases the deliveries among `ids` that are `pending`, of `targetType`, due
 * (`next_attempt_at <= now`), not leased (or whose lease expired: the worker
 * died) and not for a skipped target. Everything else is silently left out,
 * which is what makes duplicate jobs and concurrent workers harmless.
 *
 * Returns an `UPDATE … RETURNING` to use as a CTE named by the caller, who
 * joins what its target needs:
 *
 *   with claimed as (<sql>) select … from claimed c join hub_event e on e.id = c.event_id …
 *
 * Its rows are `(id, attempts, schedule_base, event_id, target_id)`; the
 * position in the current retry schedule is `attempts - schedule_base`.
 */
export function claimWithLeaseSql(targetType: DeliveryTargetType, ids: readonly string[], claim: LeaseClaim): SqlPart {
  // The "(…) is true" wrapper keeps the other conditions away from the
  // planner's index choice: the rows are found through the primary key,
  // never by scanning every pending delivery through a status index (what
  // a planner with stale statistics picked, making each claim O(backlog)).
  return {
    sql: `update delivery d set lease_until = ?, claim_token = ?
           where d.id = any(?::text[])
             and (d.status = 'pending' and d.target_type = ? and d.deleted_at is null
                  and d.next_attempt_at <= ? and (d.lease_until is null or d.lease_until < ?)
                  and d.target_id <> all(?::text[])) is true
          returning d.id, d.attempts, d.schedule_base, d.event_id, d.target_id`,
    bindings: [
      claim.leaseUntil,
      claim.claimToken,
      ids as string[],
      targetType,
      claim.now,
      claim.now,
      (claim.skipTargetIds ?? []) as string[],
    ],
  }
}
