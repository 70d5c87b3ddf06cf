/**
 * Deliveries as the partner and admin APIs see and act on them: a filtered,
 * cursor-paginated log, one delivery with its attempts, a manual retry, and
 * "recover everything that failed since T". Callers pass `partnerId` to scope
 * a call to one partner; another partner's delivery is "not found".
 *
 * Retries and recoveries give a failed delivery a fresh retry schedule
 * (`schedule_base` = attempts so far) and make it due now; the same event id
 * (`webhook-id`) goes out, so receivers deduplicate as on any retry. Each
 * write returns what it replaced, so that a workflow step can undo it.
 */
import type { Knex } from "@medusajs/framework/mikro-orm/knex"
import { MedusaError } from "@medusajs/framework/utils"
import type { AttemptRow, DeliveryRow } from "./views"
import { loadEndpoint } from "./endpoint-admin"
import { readAttemptLog } from "./attempt-log"

export type DeliveryFilters = {
  partner_id?: string
  endpoint_id?: string
  status?: string
  event_type?: string
  event_id?: string
  /**
   * The resource the event is about (an order, an invoice…): both or neither,
   * so that hub_event's (resource_type, resource_id, sequence) index finds the
   * events and delivery's (event_id, …) index their deliveries.
   */
  resource_type?: string
  resource_id?: string
  /** created_at >= since */
  since?: Date
  /** created_at < until */
  until?: Date
}

export type DeliveryPage = { deliveries: DeliveryRow[]; next_cursor: string | null }

/** The columns a retry or a recovery rewrites, as they were before: what restoreDeliveryStates puts back. */
export type DeliveryState = {
  id: string
  status: string
  /** Attempts when the state was taken: a delivery attempted since is not put back. */
  attempts: number
  schedule_base: number
  next_attempt_at: Date | string | null
  failure_reason: string | null
  completed_at: Date | string | null
}

const STATE_COLUMNS = ["id", "status", "attempts", "schedule_base", "next_attempt_at", "failure_reason", "completed_at"]

const DELIVERY_COLUMNS = `d.id, d.event_id, e.type as event_type, d.target_id as endpoint_id, ep.partner_id, d.status,
  d.attempts, d.next_attempt_at, d.last_status_code, d.last_error, d.failure_reason, d.created_at, d.completed_at`

const notFound = (id: string) => new MedusaError(MedusaError.Types.NOT_FOUND, `Delivery ${id} was not found`)

/**
 * Newest first; `cursor` is the `next_cursor` of the previous page.
 *
 * Two plans for one answer. A filter that names the deliveries (an endpoint,
 * an event, a resource) walks its index. Without one ("everything", a partner,
 * a status, an event type: the dashboard's first view), newest-first over every
 * endpoint has no index of its own — delivery is indexed per (target_type,
 * target_id, created_at) — so each endpoint's newest page is read through that
 * index and the pages are merged (a whole-table read and sort took ~1 s at a
 * million deliveries; the merge reads endpoints × page size rows, ~2 ms).
 * integration-tests/process/query-plans.spec.ts holds both plans to their indexes.
 */
export async function pageDeliveries(
  pg: Knex,
  filters: DeliveryFilters,
  page: { limit: number; cursor?: string }
): Promise<DeliveryPage> {
  // A status alone (no endpoint, no partner) reads the table either way: one
  // pass over it beats a pass over each endpoint's history (~200 vs ~450 ms
  // for "failed" at a million deliveries).
  const statusOnly = !!filters.status && !filters.partner_id
  const narrowed =
    statusOnly || !!(filters.endpoint_id || filters.event_id || filters.resource_type || filters.resource_id)
  const { rows } = narrowed
    ? await pg.raw<{ rows: PagedRow[] }>(...narrowedPage(filters, page))
    : await pg.raw<{ rows: PagedRow[] }>(...mergedEndpointPages(filters, page))
  const more = rows.length > page.limit
  const deliveries = rows.slice(0, page.limit)
  const last = deliveries[deliveries.length - 1]
  return {
    deliveries: deliveries.map(({ cursor_at: _, ...row }) => row),
    next_cursor: more && last ? encodeCursor(last.cursor_at, last.id) : null,
  }
}

type PagedRow = DeliveryRow & { cursor_at: string }
type Sql = [string, Knex.Value[]]

/** The conditions on `d` (and `e` for the event's type) every plan applies: status, time window, cursor. */
function deliveryConditions(filters: DeliveryFilters, cursor: string | undefined): Sql {
  const where: string[] = ["d.target_type = 'webhook_endpoint'", "d.deleted_at is null"]
  const params: Knex.Value[] = []
  const add = (sql: string, ...values: Knex.Value[]) => {
    where.push(sql)
    params.push(...values)
  }
  if (filters.status) add("d.status = ?", filters.status)
  if (filters.event_type) add("e.type = ?", filters.event_type)
  if (filters.since) add("d.created_at >= ?", filters.since)
  if (filters.until) add("d.created_at < ?", filters.until)
  if (cursor) {
    const [at, id] = decodeCursor(cursor)
    // The plain bound lets the (…, created_at) index start at the cursor; the row comparison breaks ties.
    add("d.created_at <= ?::timestamptz and (d.created_at, d.id) < (?::timestamptz, ?)", at, at, id)
  }
  return [where.join(" and "), params]
}

function narrowedPage(filters: DeliveryFilters, page: { limit: number; cursor?: string }): Sql {
  const [conditions, params] = deliveryConditions(filters, page.cursor)
  const where = [conditions]
  const add = (sql: string, value: Knex.Value) => {
    where.push(sql)
    params.push(value)
  }
  if (filters.partner_id) add("ep.partner_id = ?", filters.partner_id)
  if (filters.endpoint_id) add("d.target_id = ?", filters.endpoint_id)
  if (filters.event_id) add("d.event_id = ?", filters.event_id)
  if (filters.resource_type) add("e.resource_type = ?", filters.resource_type)
  if (filters.resource_id) add("e.resource_id = ?", filters.resource_id)
  // hub_event's resource index is partial (deleted_at is null): say so, or the planner cannot use it.
  if (filters.resource_type || filters.resource_id) where.push("e.deleted_at is null")
  return [
    `select ${DELIVERY_COLUMNS}, d.created_at::text as cursor_at
       from delivery d join webhook_endpoint ep on ep.id = d.target_id join hub_event e on e.id = d.event_id
      where ${where.join(" and ")}
      order by d.created_at desc, d.id desc limit ?`,
    [...params, page.limit + 1],
  ]
}

function mergedEndpointPages(filters: DeliveryFilters, page: { limit: number; cursor?: string }): Sql {
  const [conditions, params] = deliveryConditions(filters, page.cursor)
  const partner = filters.partner_id ? "where ep.partner_id = ?" : ""
  // Deleted endpoints stay in webhook_endpoint, so their deliveries stay in the log, as in the narrowed plan.
  return [
    `select ${DELIVERY_COLUMNS}, d.created_at::text as cursor_at
       from webhook_endpoint ep
       cross join lateral (
         select d.* from delivery d ${filters.event_type ? "join hub_event e on e.id = d.event_id" : ""}
          where d.target_id = ep.id and ${conditions}
          order by d.created_at desc, d.id desc limit ?
       ) d
       join hub_event e on e.id = d.event_id
      ${partner}
      order by d.created_at desc, d.id desc limit ?`,
    [...params, page.limit + 1, ...(filters.partner_id ? [filters.partner_id] : []), page.limit + 1],
  ]
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
  const attempts = await readAttemptLog(pg, id)
  return { delivery, attempts, payload }
}

/**
 * Makes one delivery due now. A pending one keeps its schedule; a finished
 * one (failed, canceled, or delivered: a resend) starts a fresh schedule.
 * `enqueue` is false when a worker holds it right now (it is left alone);
 * `previous` is its state before, or null when nothing was written.
 */
export async function retryDelivery(
  pg: Knex,
  id: string,
  partnerId?: string
): Promise<{ delivery: DeliveryRow; enqueue: boolean; previous: DeliveryState | null }> {
  const { delivery } = await deliveryDetail(pg, id, partnerId)
  const endpoint = await loadEndpoint(pg, delivery.endpoint_id).catch(() => null)
  if (!endpoint) throw new MedusaError(MedusaError.Types.NOT_ALLOWED, `Delivery ${id} belongs to a deleted endpoint`)
  if (endpoint.disabled_at) {
    throw new MedusaError(
      MedusaError.Types.NOT_ALLOWED,
      `Endpoint ${endpoint.id} is disabled; enable it before retrying its deliveries`
    )
  }
  const previous = await pg.transaction(async (trx) => {
    const [state] = (await trx("delivery")
      .where({ id })
      .andWhere((q) =>
        q.whereNot({ status: "pending" }).orWhereNull("lease_until").orWhere("lease_until", "<", trx.fn.now())
      )
      .forUpdate()
      .select(STATE_COLUMNS)) as DeliveryState[]
    if (!state) return null
    await trx("delivery")
      .where({ id })
      .update({
        schedule_base: state.status === "pending" ? state.schedule_base : state.attempts,
        status: "pending",
        next_attempt_at: trx.fn.now(),
        failure_reason: null,
        completed_at: null,
        updated_at: trx.fn.now(),
      })
    return state
  })
  const { delivery: after } = await deliveryDetail(pg, id, partnerId)
  return { delivery: after, enqueue: previous !== null, previous }
}

/**
 * Re-queues the endpoint's failed deliveries created in [since, until) with a
 * fresh schedule. Idempotent: only `failed` rows change, so a second call
 * finds them pending or delivered and sends nothing again. Returns the
 * re-queued deliveries as they were before.
 */
export async function recoverEndpoint(
  pg: Knex,
  endpointId: string,
  range: { since: Date; until?: Date },
  partnerId?: string
): Promise<DeliveryState[]> {
  const endpoint = await loadEndpoint(pg, endpointId, partnerId)
  if (endpoint.disabled_at) {
    throw new MedusaError(
      MedusaError.Types.NOT_ALLOWED,
      `Endpoint ${endpointId} is disabled; enable it before recovering its deliveries`
    )
  }
  return await pg.transaction(async (trx) => {
    const failed = trx("delivery")
      .where({ target_type: "webhook_endpoint", target_id: endpointId, status: "failed" })
      .whereNull("deleted_at")
      .andWhere("created_at", ">=", range.since)
    if (range.until) failed.andWhere("created_at", "<", range.until)
    const previous = (await failed.forUpdate().select(STATE_COLUMNS)) as DeliveryState[]
    if (!previous.length) return []
    await trx("delivery")
      .whereIn(
        "id",
        previous.map((d) => d.id)
      )
      .update({
        schedule_base: trx.ref("attempts"),
        status: "pending",
        next_attempt_at: trx.fn.now(),
        failure_reason: null,
        completed_at: null,
        lease_until: null,
        claim_token: null,
        updated_at: trx.fn.now(),
      })
    return previous
  })
}

/**
 * The compensation of a retry or a recovery: puts back each delivery's
 * previous state, unless a worker has attempted or holds it since (then the
 * new attempt's outcome stands).
 */
export async function restoreDeliveryStates(pg: Knex, states: DeliveryState[]): Promise<void> {
  if (!states.length) return
  await pg.raw(
    `update delivery d
        set status = p.status, schedule_base = p.schedule_base, next_attempt_at = p.next_attempt_at,
            failure_reason = p.failure_reason, completed_at = p.completed_at, updated_at = now()
       from json_to_recordset(?::json) as p(id text, status text, attempts int, schedule_base int,
            next_attempt_at timestamptz, failure_reason text, completed_at timestamptz)
      where d.id = p.id and d.status = 'pending' and d.attempts = p.attempts
        and (d.lease_until is null or d.lease_until < now())`,
    [JSON.stringify(states)]
  )
}

/**
 * Cancels what deleted endpoints still had to receive (the delivery log
 * keeps it); a worker holding one loses its lease. Returns the canceled ids.
 */
export async function cancelEndpointDeliveries(pg: Knex, endpointIds: string[], reason: string): Promise<string[]> {
  if (!endpointIds.length) return []
  const rows = (await pg("delivery")
    .where({ target_type: "webhook_endpoint", status: "pending" })
    .whereIn("target_id", endpointIds)
    .update({
      status: "canceled",
      failure_reason: reason,
      completed_at: pg.fn.now(),
      lease_until: null,
      claim_token: null,
      updated_at: pg.fn.now(),
    })
    .returning("id")) as { id: string }[]
  return rows.map((r) => r.id)
}

/** The compensation of cancelEndpointDeliveries: they are pending again, due as they were. */
export async function restoreCanceledDeliveries(pg: Knex, ids: string[], reason: string): Promise<void> {
  if (!ids.length) return
  await pg("delivery")
    .whereIn("id", ids)
    .where({ status: "canceled", failure_reason: reason })
    .update({ status: "pending", failure_reason: null, completed_at: null, updated_at: pg.fn.now() })
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
