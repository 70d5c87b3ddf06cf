import type { MedusaContainer } from "@medusajs/framework/types"
import { resendErpFulfillmentRequestsWorkflow } from "../workflows/erp/resend-erp-fulfillment-requests"

/**
 * Every minute: send again the ERP fulfillment requests that could not be
 * delivered when the fulfillment was created (ERP down, order not synced
 * yet). The fulfillment's `data.erp` records each try.
 */
export default async function erpFulfillmentRequests(container: MedusaContainer) {
  await resendErpFulfillmentRequestsWorkflow(container).run({ input: {} })
}

export const config = { name: "erp-fulfillment-requests", schedule: "* * * * *" }
