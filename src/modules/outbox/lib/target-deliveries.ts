/**
 * Deliveries to one kind of target (ERP connections: the ERP syncs) as the
 * admin API reads them: a filtered, offset-paged list with the event each
 * carries, one delivery, and its attempt log. What a target's own module
 * adds (a connection's name, the ERP's id) is joined by the caller.
 */
import type { Knex } from "@medusajs/framework/mikro-orm/knex"
import { readAttemptLog } from "./attempt-log"
import type { AttemptRow } from "./views"

export type DeliveryTargetType = "webhook_endpoint" | "erp_connection"

export type TargetDeliveryFilters = {
  status?: string
  target_id?: string
  /** Deliveries of events about this resource (e.g. `{ type: "order", id }`). */
  resource?: { type: string; id: string }
}

/** A delivery with the event it carries. */
export type TargetDeliveryRow = {
  id: string
  event_id: string
  event_type: string
  resource_type: string
  resource_id: string
  target_id: string
  status: string
  attempts: number
  next_attempt_at: Date | null
  last_error: string | null
  last_status_code: number | null
  failure_reason: string | null
  /** The target's id for what was delivered (an ERP's document id), when it answered one. */
  result_ref: string | null
  created_at: Date
  updated_at: Date
  completed_at: Date | null
}

/** An attempt as the ERP sync log shows it (ERP attempts keep no response body). */
export type DeliveryAttemptLogRow = Omit<AttemptRow, "response_body">

const COLUMNS = `d.id, d.event_id, e.type as event_type, e.resource_type, e.resource_id, d.target_id, d.status,
  d.attempts, d.next_attempt_at, d.last_error, d.last_status_code, d.failure_reason, d.result_ref,
  d.created_at, d.updated_at, d.completed_at`

/** Newest first. `count` is the number of matching deliveries (0 past the last page). */
export async function listTargetDeliveries(
  pg: Knex,
  targetType: DeliveryTargetType,
  filters: TargetDeliveryFilters,
  page: { limit: number; offset: number }
): Promise<{ deliveries: TargetDeliveryRow[]; count: number }> {
  const where = ["d.target_type = ?", "d.deleted_at is null"]
  const params: Knex.Value[] = [targetType]
  if (filters.status) {
    where.push("d.status = ?")
    params.push(filters.status)
  }
  if (filters.target_id) {
    where.push("d.target_id = ?")
    params.push(filters.target_id)
  }
  if (filters.resource) {
    where.push("e.resource_type = ? and e.resource_id = ?")
    params.push(filters.resource.type, filters.resource.id)
  }
  const { rows } = await pg.raw<{ rows: (TargetDeliveryRow & { total: string })[] }>(
    `select ${COLUMNS}, count(*) over () as total
       from delivery d join hub_event e on e.id = d.event_id
      where ${where.join(" and ")}
      order by d.created_at desc, d.id desc limit ? offset ?`,
    [...params, page.limit, page.offset]
  )
  return {
    deliveries: rows.map(({ total: _total, ...row }) => row),
    count: Number(rows[0]?.total ?? 0),
  }
}

export async function retrieveTargetDelivery(
  pg: Knex,
  targetType: DeliveryTargetType,
  id: string
): Promise<TargetDeliveryRow | null> {
  const { rows } = await pg.raw<{ rows: TargetDeliveryRow[] }>(
    `select ${COLUMNS} from delivery d join hub_event e on e.id = d.event_id
      where d.id = ? and d.target_type = ? and d.deleted_at is null`,
    [id, targetType]
  )
  return rows[0] ?? null
}

/** Every attempt of a delivery, first first. */
export async function listDeliveryAttemptLog(pg: Knex, deliveryId: string): Promise<DeliveryAttemptLogRow[]> {
  return (await readAttemptLog(pg, deliveryId)).map(({ response_body: _, ...attempt }) => attempt)
}
