import { ContainerRegistrationKeys } from "@medusajs/framework/utils"
import { createStep, StepResponse } from "@medusajs/framework/workflows-sdk"
import { isErpError } from "../../../../connectors"
import { describeError } from "../../../lib/errors/describe-error"
import { ERP_MODULE } from "../../../modules/erp"
import type ErpModuleService from "../../../modules/erp/service"
import type { ErpFulfillmentState } from "../../../modules/erp/lib/sync/fulfillment-requests"
import type { PendingErpFulfillment } from "./list-pending-erp-fulfillments"

export const sendErpFulfillmentRequestsStepId = "send-erp-fulfillment-requests-step"

export type SendErpFulfillmentRequestsStepOutput = {
  /** Each fulfillment's data with its request's new state (`data.erp`). */
  updates: { id: string; data: Record<string, unknown> }[]
  /** Requests the ERP now has. */
  requested: number
  /** Requests still pending (or refused). */
  pending: number
}

/**
 * Sends each pending request again through its connection (skipped while
 * the connection is gone or disabled). A retryable failure keeps it
 * `pending`; a refusal marks it `refused` and stops the resends. Not
 * compensated: the ERP has what it accepted, and need not lose it: the
 * connector keys the request by our fulfillment id, so a resend after a
 * failed run finds the same request.
 */
export const sendErpFulfillmentRequestsStep = createStep(
  sendErpFulfillmentRequestsStepId,
  async (fulfillments: PendingErpFulfillment[], { container }) => {
    const erp = container.resolve<ErpModuleService>(ERP_MODULE)
    const logger = container.resolve(ContainerRegistrationKeys.LOGGER)
    const output: SendErpFulfillmentRequestsStepOutput = { updates: [], requested: 0, pending: 0 }
    for (const { id, data, state } of fulfillments) {
      const connection = await erp.loadConnection(state.connection_id)
      if (!connection?.enabled) continue
      let next: ErpFulfillmentState
      try {
        next = await erp.sendFulfillmentRequest(connection, state)
      } catch (e) {
        // Refused by the ERP: keep it visible, stop resending.
        next = {
          ...state,
          status: "refused",
          attempts: state.attempts + 1,
          last_error: (isErpError(e) ? e.message : describeError(e)).slice(0, 500),
        }
        logger.warn(`erp fulfillment ${id}: the ERP refused the request: ${next.last_error}`)
      }
      output.updates.push({ id, data: { ...data, erp: next } })
      if (next.status === "requested") output.requested++
      else output.pending++
    }
    return new StepResponse(output)
  }
)
