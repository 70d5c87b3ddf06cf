import type { MedusaContainer } from "@medusajs/framework/types"
import { ContainerRegistrationKeys, Modules } from "@medusajs/framework/utils"
import { isErpError } from "../../connectors"
import { loadHubConfig } from "../lib/config/env"
import { loadErpConnection } from "../modules/erp/lib/sync/connections"
import { sendFulfillmentRequest, type ErpFulfillmentState } from "../modules/erp/lib/sync/fulfillment-requests"
import { ERP_FULFILLMENT_PROVIDER_ID } from "../modules/providers/erp-fulfillment/constants"
import { describeError } from "../lib/errors/describe-error"

/** Requests older than this are left to an operator (the fulfillment shows the last error). */
const GIVE_UP_AFTER_MS = 7 * 86_400_000

/**
 * Every minute: send again the ERP fulfillment requests that could not be
 * delivered when the fulfillment was created (ERP down, order not synced
 * yet). The fulfillment's `data.erp` records each try.
 */
export default async function erpFulfillmentRequests(container: MedusaContainer) {
  await resendPendingFulfillmentRequests(container)
}

export async function resendPendingFulfillmentRequests(
  container: MedusaContainer
): Promise<{ requested: number; pending: number }> {
  const logger = container.resolve(ContainerRegistrationKeys.LOGGER)
  const pg = container.resolve(ContainerRegistrationKeys.PG_CONNECTION)
  const fulfillmentModule = container.resolve(Modules.FULFILLMENT)
  const { encryptionKey } = loadHubConfig()
  // The filter typings only know dates and operator maps; `null` (IS NULL) and $gte on a Date work at runtime.
  const filters = {
    provider_id: ERP_FULFILLMENT_PROVIDER_ID,
    canceled_at: null,
    shipped_at: null,
    created_at: { $gte: new Date(Date.now() - GIVE_UP_AFTER_MS) },
  }
  const open = await fulfillmentModule.listFulfillments(
    filters as unknown as Parameters<typeof fulfillmentModule.listFulfillments>[0],
    {
      select: ["id", "data"],
      take: 1000,
    }
  )
  let requested = 0
  let pending = 0
  for (const fulfillment of open) {
    const state = (fulfillment.data as { erp?: ErpFulfillmentState } | null)?.erp
    if (!state || state.status !== "pending") continue
    const connection = await loadErpConnection(pg, state.connection_id)
    if (!connection?.enabled) continue
    let next: ErpFulfillmentState
    try {
      next = await sendFulfillmentRequest(connection, state, encryptionKey)
    } catch (e) {
      // Refused by the ERP: keep it visible, stop resending.
      next = {
        ...state,
        status: "refused",
        attempts: state.attempts + 1,
        last_error: (isErpError(e) ? e.message : describeError(e)).slice(0, 500),
      }
      logger.warn(`erp fulfillment ${fulfillment.id}: the ERP refused the request: ${next.last_error}`)
    }
    await fulfillmentModule.updateFulfillment(fulfillment.id, { data: { ...(fulfillment.data ?? {}), erp: next } })
    if (next.status === "requested") requested++
    else pending++
  }
  return { requested, pending }
}

export const config = { name: "erp-fulfillment-requests", schedule: "* * * * *" }
