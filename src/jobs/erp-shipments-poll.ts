import type { MedusaContainer } from "@medusajs/framework/types"
import { ContainerRegistrationKeys, MedusaError } from "@medusajs/framework/utils"
import { loadHubConfig } from "../lib/config/env"
import { listEnabledErpConnections } from "../modules/erp/lib/sync/connections"
import { connectorFor } from "../modules/erp/lib/sync/connector-cache"
import { recordErpShipment } from "../modules/erp/lib/sync/record-shipment"
import { ERP_MODULE } from "../modules/erp"
import type ErpModuleService from "../modules/erp/service"
import { describeError } from "../lib/errors/describe-error"

/** A connection polled for the first time looks this far back. */
const FIRST_POLL_LOOKBACK_MS = 7 * 86_400_000

/**
 * Every minute: read each enabled connection's shipments since its last poll
 * and record them on their Medusa fulfillments (tracking numbers, shipped).
 * Reads overlap (ERPs filter by day), so the recording is idempotent per
 * ERP shipment id; the high-water mark only moves after a pass in which every
 * shipment was recorded or is not the hub's to record.
 */
export default async function erpShipmentsPoll(container: MedusaContainer) {
  const logger = container.resolve(ContainerRegistrationKeys.LOGGER)
  const pg = container.resolve(ContainerRegistrationKeys.PG_CONNECTION)
  const erp = container.resolve<ErpModuleService>(ERP_MODULE)
  await pollErpShipments(container, { pg, erp, logger })
}

export async function pollErpShipments(
  container: MedusaContainer,
  deps: { pg: any; erp: ErpModuleService; logger: { warn(m: string): void } }
): Promise<{ recorded: number; unmatched: number }> {
  const { encryptionKey } = loadHubConfig()
  let recorded = 0
  let unmatched = 0
  for (const connection of await listEnabledErpConnections(deps.pg)) {
    const startedAt = new Date()
    const since = connection.shipments_synced_at ?? new Date(startedAt.getTime() - FIRST_POLL_LOOKBACK_MS)
    let shipments
    try {
      shipments = await connectorFor(connection, encryptionKey).readShipments(since)
    } catch (e) {
      deps.logger.warn(`erp shipments: reading ${connection.name} failed: ${describeError(e)}`)
      continue
    }
    let complete = true
    for (const shipment of shipments) {
      try {
        const result = await recordErpShipment(container, { type: "connection", id: connection.id }, shipment)
        if (result.created) recorded++
      } catch (e) {
        const message = describeError(e)
        if (
          MedusaError.isMedusaError(e) &&
          (e.type === MedusaError.Types.NOT_FOUND || e.type === MedusaError.Types.NOT_ALLOWED)
        ) {
          // Not ours to record: an order or fulfillment the hub did not send to this ERP, or one
          // already shipped or canceled in Medusa. Reading it again would not change that.
          unmatched++
          deps.logger.warn(
            `erp shipments: ${connection.name} shipment ${shipment.erp_id} of order ${shipment.order_id} skipped: ${message}`
          )
        } else {
          // Anything else (Postgres, a workflow failure) may pass: keep the mark, read it again next time.
          complete = false
          deps.logger.warn(`erp shipments: ${connection.name} shipment ${shipment.erp_id} not recorded yet: ${message}`)
        }
      }
    }
    if (complete) await deps.erp.updateErpConnections({ id: connection.id, shipments_synced_at: startedAt })
  }
  return { recorded, unmatched }
}

export const config = { name: "erp-shipments-poll", schedule: "* * * * *" }
