/**
 * Deliveries as the partner and admin APIs see and act on them: a filtered,
 * cursor-paginated log, one delivery with its attempts, a manual retry, and
 * "recover everything that failed since T". Callers pass `partnerId` to scope
 * a call to one partner; another partner's delivery is "not found".
 *
 * Retries and recoveries give a failed delivery a fresh retry schedule
 * (`schedule_base` = attempts so far) and make it due now; the same event id
 * (`webhook-id`) goes out, so receivers deduplicate as on any retry.
 */
import type { Knex } from "@medusajs/framework/mikro-orm/knex"
import { MedusaError } from "@medusajs/framework/utils"
import type { AttemptRow, DeliveryRow } from "./views"
import { loadEndpoint } from "./endpoint-admin"

export type DeliveryFilters = {
  partner_id?: string
  endpoint_id?: string
  status?: string
  event_type?: string
  event_id?: string
  /** created_at >= since */
  since?: Date
  /** created_at < until */
  until?: Date
}

export type DeliveryPage = { deliveries: DeliveryRow[]; next_cursor: string | null }

const DELIVERY_COLUMNS = `d.id, d.event_id, e.type as event_type, d.target_id as endpoint_id, ep.partner_id, d.status,
  d.attempts, d.next_attempt_at, d.last_status_code, d.last_error, d.failure_reason, d.created_at, d.completed_at`

const notFound = (id: string) => new MedusaError(MedusaError.Types.NOT_FOUND, `Delivery ${id} was not found`)

/** Newest first; `cursor` is the `next_cursor` of the previous page. */
export async function pageDeliveries(
  pg: Knex,
  filters: DeliveryFilters,
  page: { limit: number; cursor?: string }
): Promise<DeliveryPage> {
  const where: string[] = ["d.target_type = 'webhook_endpoint'", "d.deleted_at is null"]
  const params: Knex.Value[] = []
  const add = (sql: string, ...values: Knex.Value[]) => {
    where.push(sql)
    params.push(...values)
  }
  if (filters.partner_id) add("ep.partner_id = ?", filters.partner_id)
  if (filters.endpoint_id) add("d.target_id = ?", filters.endpoint_id)
  if (filters.status) add("d.status = ?", filters.status)
  if (filters.event_type) add("e.type = ?", filters.event_type)
  if (filters.event_id) add("d.event_id = ?", filters.event_id)
  if (filters.since) add("d.created_at >= ?", filters.since)
  if (filters.until) add("d.created_at < ?", filters.until)
  if (page.cursor) {
    const [at, id] = decodeCursor(page.cursor)
    add("(d.created_at, d.id) < (?::timestamptz, ?)", at, id)
  }
  const { rows } = await pg.raw<{ rows: (DeliveryRow & { cursor_at: string })[] }>(
    `select ${DELIVERY_COLUMNS}, d.created_at::text as cursor_at
       from delivery d join webhook_endpoint ep on ep.id = d.target_id join hub_event e on e.id = d.event_id
      where ${where.join(" and ")}
      order by d.created_at desc, d.id desc limit ?`,
    [...params, page.limit + 1]
  )
  const more = rows.length > page.limit
  const deliveries = rows.slice(0, page.limit)
  const last = deliveries[deliveries.length - 1]
  return {
    deliveries: deliveries.map(({ cursor_at: _, ...row }) => row),
    next_cursor: more && last ? encodeCursor(last.cursor_at, last.id) : null,
  }
}

export async function deliveryDetail(
  pg: Knex,
  id: string,
  partnerId?: string
): Promise<{ delivery: DeliveryRow; attempts: AttemptRow[]; payload: unknown }> {
  const { rows } = await pg.raw<{ rows: (DeliveryRow & { payload: unknown })[] }>(
    `select ${DELIVERY_COLUMNS}, e.payload
       from delivery d join webhook_endpoint ep on ep.id = d.target_id join hub_event e on e.id = d.event_id
      where d.id = ? and d.target_type = 'webhook_endpoint' and d.deleted_at is null ${partnerId ? "and ep.partner_id = ?" : ""}`,
    partnerId ? [id, partnerId] : [id]
  )
  if (!rows[0]) throw notFound(id)
  const { payload, ...delivery } = rows[0]
  const attempts = (await pg("delivery_attempt")
    .where({ delivery_id: id })
    .whereNull("deleted_at")
    .orderBy("attempt", "asc")
    .select("attempt", "outcome", "status_code", "duration_ms", "response_body", "error", "created_at")) as AttemptRow[]
  return { delivery, attempts, payload }
}

/**
 * Makes one delivery due now. A pending one keeps its schedule; a finished
 * one (failed, canceled, or delivered: a resend) starts a fresh schedule.
 * Returns the id to enqueue, or null when a worker holds it right now.
 */
export async function retryDelivery(
  pg: Knex,
  id: string,
  partnerId?: string
): Promise<{ delivery: DeliveryRow; enqueue: boolean }> {
  const { delivery } = await deliveryDetail(pg, id, partnerId)
  const endpoint = await loadEndpoint(pg, delivery.endpoint_id).catch(() => null)
  if (!endpoint) throw new MedusaError(MedusaError.Types.NOT_ALLOWED, `Delivery ${id} belongs to a deleted endpoint`)
  if (endpoint.disabled_at) {
    throw new MedusaError(
      MedusaError.Types.NOT_ALLOWED,
      `Endpoint ${endpoint.id} is disabled; enable it before retrying its deliveries`
    )
  }
  const updated = await pg.raw<{ rowCount: number }>(
    `update delivery set
        schedule_base = case when status = 'pending' then schedule_base else attempts end,
        status = 'pending', next_attempt_at = now(), failure_reason = null, completed_at = null, updated_at = now()
      where id = ? and (status <> 'pending' or lease_until is null or lease_until < now())`,
    [id]
  )
  const { delivery: after } = await deliveryDetail(pg, id, partnerId)
  return { delivery: after, enqueue: updated.rowCount > 0 }
}

/**
 * Re-queues the endpoint's failed deliveries created in [since, until) with a
 * fresh schedule. Idempotent: only `failed` rows change, so a second call
 * finds them pending or delivered and sends nothing again.
 */
export async function recoverEndpoint(
  pg: Knex,
  endpointId: string,
  range: { since: Date; until?: Date },
  partnerId?: string
): Promise<string[]> {
  const endpoint = await loadEndpoint(pg, endpointId, partnerId)
  if (endpoint.disabled_at) {
    throw new MedusaError(
      MedusaError.Types.NOT_ALLOWED,
      `Endpoint ${endpointId} is disabled; enable it before recovering its deliveries`
    )
  }
  const { rows } = await pg.raw<{ rows: { id: string }[] }>(
    `update delivery set schedule_base = attempts, status = 'pending', next_attempt_at = now(), failure_reason = null,
            completed_at = null, lease_until = null, claim_token = null, updated_at = now()
      where target_type = 'webhook_endpoint' and target_id = ? and status = 'failed' and deleted_at is null
        and created_at >= ? ${range.until ? "and created_at < ?" : ""}
      returning id`,
    range.until ? [endpointId, range.since, range.until] : [endpointId, range.since]
  )
  return rows.map((r) => r.id)
}

/** Postgres' text form of a timestamptz (microseconds kept, so no row is skipped or repeated). */
const CURSOR_TIME = /^\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2}(\.\d{1,6})?[+-]\d{2}(:\d{2})?$/

function encodeCursor(at: string, id: string): string {
  return Buffer.from(JSON.stringify([at, id])).toString("base64url")
}

function decodeCursor(cursor: string): [string, string] {
  try {
    const [at, id] = JSON.parse(Buffer.from(cursor, "base64url").toString("utf8"))
    if (typeof at === "string" && typeof id === "string" && CURSOR_TIME.test(at)) return [at, id]
  } catch {
    // fall through
  }
  throw new MedusaError(MedusaError.Types.INVALID_DATA, "cursor: is not a cursor returned by this API")
}
