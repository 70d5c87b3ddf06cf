import type { MedusaContainer } from "@medusajs/framework/types"
import { MedusaError } from "@medusajs/framework/utils"
import { ERP_MODULE } from "../../../modules/erp"
import type ErpModuleService from "../../../modules/erp/service"
import { orderConnectionKey } from "../../../modules/erp/service"
import { OUTBOX_MODULE } from "../../../modules/outbox"
import type OutboxModuleService from "../../../modules/outbox/service"
import type { DeliveryAttemptLogRow, TargetDeliveryRow } from "../../../modules/outbox/lib/target-deliveries"

/**
 * An ERP sync as the admin API shows it: the outbox's delivery to an ERP
 * connection, with the connection's name and the ERP's id for the order
 * (from the ERP module).
 */
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

export type AdminErpSyncFilters = { status?: string; connection_id?: string; order_id?: string }

const ERP_TARGET = "erp_connection"

/** ERP syncs, newest first. */
export async function listErpSyncs(
  scope: MedusaContainer,
  filters: AdminErpSyncFilters,
  page: { limit: number; offset: number }
): Promise<{ syncs: AdminErpSync[]; count: number }> {
  const outbox = scope.resolve<OutboxModuleService>(OUTBOX_MODULE)
  const { deliveries, count } = await outbox.listTargetDeliveries(
    ERP_TARGET,
    {
      status: filters.status,
      target_id: filters.connection_id,
      resource: filters.order_id ? { type: "order", id: filters.order_id } : undefined,
    },
    page
  )
  return { syncs: await toAdminErpSyncs(scope, deliveries), count }
}

/** One ERP sync with every attempt (404 when there is none). */
export async function getErpSync(
  scope: MedusaContainer,
  id: string
): Promise<AdminErpSync & { attempt_log: DeliveryAttemptLogRow[] }> {
  const outbox = scope.resolve<OutboxModuleService>(OUTBOX_MODULE)
  const delivery = await outbox.retrieveTargetDelivery(ERP_TARGET, id)
  if (!delivery) throw new MedusaError(MedusaError.Types.NOT_FOUND, `ERP sync ${id} was not found`)
  const [sync] = await toAdminErpSyncs(scope, [delivery])
  return { ...sync, attempt_log: await outbox.listDeliveryAttemptLog(id) }
}

async function toAdminErpSyncs(scope: MedusaContainer, deliveries: TargetDeliveryRow[]): Promise<AdminErpSync[]> {
  if (!deliveries.length) return []
  const erp = scope.resolve<ErpModuleService>(ERP_MODULE)
  const [names, erpIds] = await Promise.all([
    erp.connectionNames(deliveries.map((d) => d.target_id)),
    erp.orderErpIds(deliveries.map((d) => ({ order_id: d.resource_id, connection_id: d.target_id }))),
  ])
  return deliveries.map((d) => ({
    id: d.id,
    order_id: d.resource_id,
    event_id: d.event_id,
    event_type: d.event_type,
    connection_id: d.target_id,
    connection_name: names.get(d.target_id) ?? null,
    status: d.status,
    attempts: d.attempts,
    next_attempt_at: d.next_attempt_at,
    last_error: d.last_error,
    last_status_code: d.last_status_code,
    failure_reason: d.failure_reason,
    // The ERP's answer to this sync, else the id the order is known by there.
    erp_id: d.result_ref ?? erpIds.get(orderConnectionKey(d.resource_id, d.target_id)) ?? null,
    created_at: d.created_at,
    updated_at: d.updated_at,
    completed_at: d.completed_at,
  }))
}
