import type { MedusaContainer } from "@medusajs/framework/types"
import { ContainerRegistrationKeys } from "@medusajs/framework/utils"
import { issueInvoiceWorkflow } from "../../invoicing/issue-invoice"
import { recordOrderEventWorkflow } from "../record-order-event"
import { describeError } from "../../../lib/errors/describe-error"

/**
 * What a placed order sets off: record `order.placed` (ERP sync + partner
 * webhooks) and issue its net-terms invoice. Both workflows are idempotent, so
 * the order.placed subscriber and the orders-placed-reconcile job (for an
 * order whose Medusa event was lost) may both run this; a failed invoice stays
 * visible and is retried by the invoicing reconciler job. Throws when either failed.
 */
export async function runOrderPlacedEffects(container: MedusaContainer, orderId: string): Promise<void> {
  // Independent effects: one failing must not hold back the other.
  const names = ["record-order-event", "issue-invoice"]
  const results = await Promise.allSettled([
    recordOrderEventWorkflow(container).run({ input: { order_id: orderId, type: "order.placed" } }),
    issueInvoiceWorkflow(container).run({ input: { order_id: orderId } }),
  ])
  const logger = container.resolve(ContainerRegistrationKeys.LOGGER)
  const failures = results.flatMap((r, i) =>
    r.status === "rejected" ? [`${names[i]}: ${describeError(r.reason)}`] : []
  )
  for (const failure of failures) logger.error(`order.placed ${orderId}: ${failure}`)
  if (failures.length) throw new Error(`order.placed ${orderId}: ${failures.join("; ")}`)
}
