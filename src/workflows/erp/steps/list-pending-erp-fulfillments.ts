import { Modules } from "@medusajs/framework/utils"
import { createStep, StepResponse } from "@medusajs/framework/workflows-sdk"
import type { ErpFulfillmentState } from "../../../modules/erp/lib/sync/fulfillment-requests"
import { ERP_FULFILLMENT_PROVIDER_ID } from "../../../modules/providers/erp-fulfillment/constants"

export const listPendingErpFulfillmentsStepId = "list-pending-erp-fulfillments-step"

/** Requests older than this are left to an operator (the fulfillment shows the last error). */
const GIVE_UP_AFTER_MS = 7 * 86_400_000

export type ListPendingErpFulfillmentsStepInput = {
  /** At most this many fulfillments per run (the job runs again). Default 1000. */
  limit?: number
}

/** An open ERP fulfillment whose request has not reached the ERP yet. */
export type PendingErpFulfillment = {
  id: string
  data: Record<string, unknown>
  state: ErpFulfillmentState
}

/**
 * The open (not canceled, not shipped) ERP fulfillments of the last week
 * whose request is still `pending`. Read-only, so nothing to compensate.
 */
export const listPendingErpFulfillmentsStep = createStep(
  listPendingErpFulfillmentsStepId,
  async ({ limit }: ListPendingErpFulfillmentsStepInput, { container }) => {
    const fulfillmentModule = container.resolve(Modules.FULFILLMENT)
    // The filter typings only know dates and operator maps; `null` (IS NULL) and $gte on a Date work at runtime.
    const filters = {
      provider_id: ERP_FULFILLMENT_PROVIDER_ID,
      canceled_at: null,
      shipped_at: null,
      created_at: { $gte: new Date(Date.now() - GIVE_UP_AFTER_MS) },
    }
    const open = await fulfillmentModule.listFulfillments(
      filters as unknown as Parameters<typeof fulfillmentModule.listFulfillments>[0],
      { select: ["id", "data"], take: limit ?? 1000 }
    )
    const pending: PendingErpFulfillment[] = []
    for (const fulfillment of open) {
      const data = fulfillment.data ?? {}
      const state = (data as { erp?: ErpFulfillmentState }).erp
      if (state?.status === "pending") pending.push({ id: fulfillment.id, data, state })
    }
    return new StepResponse(pending)
  }
)
