import { isErpError, type FulfillmentRequest } from "../../../../../connectors"
import { connectorFor, type ConnectionRow } from "./connector-cache"
import type { EncryptionKeys } from "../../../../lib/crypto/secret-box"
import { describeError } from "../../../../lib/errors/describe-error"

/**
 * What the ERP fulfillment provider keeps in a fulfillment's `data.erp`: the
 * request it sends (so a retry resends exactly that) and where it stands.
 *
 * - `requested`: the ERP/WMS has the request (`erp_ref` is its record);
 * - `pending`: the ERP could not be reached or did not have the order yet;
 *   the `erp-fulfillment-requests` job sends it again;
 * - `refused`: the ERP rejected a resent request (see `last_error`); an
 *   operator cancels the fulfillment or fixes the cause and creates it again.
 *
 * Canceling the fulfillment withdraws a `requested` request from the ERP
 * (Medusa's `canceled_at` says so; `data` is left as it was).
 */
export type ErpFulfillmentState = {
  connection_id: string
  status: "requested" | "pending" | "refused"
  request: FulfillmentRequest
  erp_ref?: string
  attempts: number
  requested_at?: string
  last_error?: string
}

/**
 * Sends (or re-sends) a fulfillment request. The connector makes it
 * idempotent on our fulfillment id, so a resend after a lost answer finds the
 * first one. Retryable failures leave the request `pending`; a permanent one
 * is thrown (the ERP refused it: sending it again will not help).
 */
export async function sendFulfillmentRequest(
  connection: ConnectionRow,
  state: ErpFulfillmentState,
  keys: EncryptionKeys
): Promise<ErpFulfillmentState> {
  const attempts = state.attempts + 1
  try {
    const result = await connectorFor(connection, keys).createFulfillmentRequest(state.request)
    return {
      ...state,
      status: "requested",
      erp_ref: result.erpRef,
      attempts,
      requested_at: new Date().toISOString(),
      last_error: undefined,
    }
  } catch (e) {
    if (isErpError(e) && !e.retryable) throw e
    const message = isErpError(e) ? `${e.code}${e.status ? ` (HTTP ${e.status})` : ""}: ${e.message}` : describeError(e)
    return { ...state, status: "pending", attempts, last_error: message.slice(0, 500) }
  }
}
