import type { Knex } from "@medusajs/framework/mikro-orm/knex"
import type { ConnectionRow } from "./connector-cache"

export type ErpConnectionRecord = ConnectionRow & { name: string; enabled: boolean; shipments_synced_at: Date | null }

const COLUMNS = "id, name, kind, settings, credentials_encrypted, concurrency, enabled, updated_at, shipments_synced_at"

/**
 * An ERP connection by id, or (without an id) the default one: the oldest
 * enabled connection. Read through ErpModuleService.loadConnection; the ERP
 * fulfillment provider calls it directly, because it lives in the
 * fulfillment module's container, which cannot resolve the ERP module, and
 * has only the shared Postgres pool.
 */
export async function loadErpConnection(pg: Knex, id?: string | null): Promise<ErpConnectionRecord | null> {
  const { rows } = id
    ? await pg.raw(`select ${COLUMNS} from erp_connection where id = ? and deleted_at is null`, [id])
    : await pg.raw(
        `select ${COLUMNS} from erp_connection where enabled and deleted_at is null order by created_at, id limit 1`
      )
  return rows[0] ?? null
}

/** The enabled connections, oldest first. */
export async function listEnabledErpConnections(pg: Knex): Promise<ErpConnectionRecord[]> {
  const { rows } = await pg.raw(
    `select ${COLUMNS} from erp_connection where enabled and deleted_at is null order by created_at, id`
  )
  return rows
}
