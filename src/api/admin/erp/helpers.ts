import type { Knex } from "@medusajs/framework/mikro-orm/knex"
import { MedusaError } from "@medusajs/framework/utils"
import { isErpError } from "../../../../connectors"
import { loadHubConfig } from "../../../lib/config/env"
import { buildConnector } from "../../../modules/erp/lib/sync/connector-cache"

/** A connection as the admin API shows it: settings yes, credentials never (only whether there are some). */
export function toAdminConnection(c: Record<string, any>) {
  const { credentials_encrypted, ...rest } = c
  return { ...rest, has_credentials: !!credentials_encrypted }
}

/** A pull client as the admin API shows it: never the secret or its hash. */
export function toAdminPullClient(c: Record<string, any>) {
  const { client_secret_hash: _hash, ...rest } = c
  return rest
}

export type AdminErpSync = {
  id: string
  order_id: string
  event_id: string
  event_type: string
  connection_id: string
  connection_name: string | null
  status: string
  attempts: number
  next_attempt_at: Date | null
  last_error: string | null
  last_status_code: number | null
  failure_reason: string | null
  erp_id: string | null
  created_at: Date
  updated_at: Date
  completed_at: Date | null
}

const SYNC_COLUMNS = `d.id, e.resource_id as order_id, d.event_id, e.type as event_type, d.target_id as connection_id, ec.name as connection_name,
  d.status, d.attempts, d.next_attempt_at, d.last_error, d.last_status_code, d.failure_reason,
  coalesce(d.result_ref, l.erp_id) as erp_id, d.created_at, d.updated_at, d.completed_at`

const SYNC_FROM = `delivery d join hub_event e on e.id = d.event_id
  left join erp_connection ec on ec.id = d.target_id
  left join erp_order_link l on l.order_id = e.resource_id and l.connection_id = d.target_id and l.deleted_at is null`

/** ERP syncs (deliveries to ERP connections), newest first. */
export async function listErpSyncs(
  pg: Knex,
  filters: { status?: string; connection_id?: string; order_id?: string },
  page: { limit: number; offset: number }
): Promise<{ syncs: AdminErpSync[]; count: number }> {
  const where = ["d.target_type = 'erp_connection'", "d.deleted_at is null"]
  const params: Knex.RawBinding[] = []
  if (filters.status) {
    where.push("d.status = ?")
    params.push(filters.status)
  }
  if (filters.connection_id) {
    where.push("d.target_id = ?")
    params.push(filters.connection_id)
  }
  if (filters.order_id) {
    where.push("e.resource_type = 'order' and e.resource_id = ?")
    params.push(filters.order_id)
  }
  const { rows } = await pg.raw(
    `select ${SYNC_COLUMNS}, count(*) over () as total from ${SYNC_FROM}
      where ${where.join(" and ")} order by d.created_at desc, d.id desc limit ? offset ?`,
    [...params, page.limit, page.offset]
  )
  return {
    syncs: rows.map(({ total: _t, ...r }: Record<string, unknown>) => r as AdminErpSync),
    count: Number(rows[0]?.total ?? 0),
  }
}

export async function getErpSync(pg: Knex, id: string): Promise<AdminErpSync & { attempt_log: unknown[] }> {
  const { rows } = await pg.raw(
    `select ${SYNC_COLUMNS} from ${SYNC_FROM} where d.id = ? and d.target_type = 'erp_connection' and d.deleted_at is null`,
    [id]
  )
  if (!rows[0]) throw new MedusaError(MedusaError.Types.NOT_FOUND, `ERP sync ${id} was not found`)
  const attempt_log = await pg("delivery_attempt")
    .where({ delivery_id: id })
    .whereNull("deleted_at")
    .orderBy("attempt", "asc")
    .select("attempt", "outcome", "status_code", "duration_ms", "error", "created_at")
  return { ...rows[0], attempt_log }
}

/**
 * Makes a sync due now. A failed (or canceled, or delivered: a resend) one
 * gets a fresh retry schedule; a pending one just stops waiting. Returns
 * whether it should be enqueued (false while a worker holds it).
 */
export async function retryErpSync(pg: Knex, id: string): Promise<boolean> {
  const sync = await getErpSync(pg, id)
  const { rows: conn } = await pg.raw("select enabled from erp_connection where id = ? and deleted_at is null", [
    sync.connection_id,
  ])
  if (!conn[0]) throw new MedusaError(MedusaError.Types.NOT_ALLOWED, `ERP sync ${id} belongs to a deleted connection`)
  if (!conn[0].enabled)
    throw new MedusaError(
      MedusaError.Types.NOT_ALLOWED,
      `Connection ${sync.connection_id} is disabled; enable it before retrying its syncs`
    )
  const updated = await pg.raw(
    `update delivery set
        schedule_base = case when status = 'pending' then schedule_base else attempts end,
        status = 'pending', next_attempt_at = now(), failure_reason = null, completed_at = null, updated_at = now()
      where id = ? and (status <> 'pending' or lease_until is null or lease_until < now())`,
    [id]
  )
  return (updated as { rowCount: number }).rowCount > 0
}

/** Builds the adapter once so bad settings are a 400 now, not a failed sync later. */
export function checkConnector(row: Parameters<typeof buildConnector>[0]): void {
  try {
    buildConnector(row, loadHubConfig().encryptionKey)
  } catch (e) {
    throw new MedusaError(
      MedusaError.Types.INVALID_DATA,
      `settings/credentials: ${isErpError(e) ? e.message : (e as Error).message}`
    )
  }
}
