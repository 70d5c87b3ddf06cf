import type { Knex } from "@medusajs/framework/mikro-orm/knex"
import type { AttemptRow } from "./views"

/**
 * A delivery's attempts, first first: its `delivery_attempt` rows and, when
 * its first attempt succeeded, that attempt from the delivery row's `first_*`
 * columns, where the result writer keeps it instead of a row
 * (delivery-results.ts). Where both exist (a batch recorded twice), the row wins.
 */
export async function readAttemptLog(pg: Knex, deliveryId: string): Promise<AttemptRow[]> {
  const { rows } = await pg.raw<{ rows: AttemptRow[] }>(
    `select attempt, outcome, status_code, duration_ms, response_body, error, created_at
       from delivery_attempt where delivery_id = ? and deleted_at is null
     union all
     select 1, 'success', d.first_status_code, coalesce(d.first_duration_ms, 0), d.first_response_body, null, d.first_attempt_at
       from delivery d
      where d.id = ? and d.first_attempt_at is not null
        and not exists (select 1 from delivery_attempt a where a.delivery_id = d.id and a.attempt = 1 and a.deleted_at is null)
     order by attempt`,
    [deliveryId, deliveryId]
  )
  return rows
}
