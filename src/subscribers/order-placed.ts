import type { SubscriberArgs, SubscriberConfig } from "@medusajs/framework"
import { ContainerRegistrationKeys } from "@medusajs/framework/utils"
import { issueInvoiceWorkflow } from "../workflows/invoicing/issue-invoice"
import { recordOrderEventWorkflow } from "../workflows/orders/record-order-event"
import { describeError } from "../lib/errors/describe-error"

/**
 * A placed order: record `order.placed` (ERP sync + partner webhooks) and
 * issue its net-terms invoice. Both workflows are idempotent; a failed invoice
 * stays visible and is retried by the invoicing reconciler job.
 */
export default async function orderPlacedHandler({ event: { data }, container }: SubscriberArgs<{ id: string }>) {
  // Independent effects: one failing must not hold back the other.
  const names = ["record-order-event", "issue-invoice"]
  const results = await Promise.allSettled([
    recordOrderEventWorkflow(container).run({ input: { order_id: data.id, type: "order.placed" } }),
    issueInvoiceWorkflow(container).run({ input: { order_id: data.id } }),
  ])
  const logger = container.resolve(ContainerRegistrationKeys.LOGGER)
  const failures = results.flatMap((r, i) =>
    r.status === "rejected" ? [`${names[i]}: ${describeError(r.reason)}`] : []
  )
  for (const failure of failures) logger.error(`order.placed ${data.id}: ${failure}`)
  if (failures.length) throw new Error(`order.placed ${data.id}: ${failures.join("; ")}`)
}

export const config: SubscriberConfig = { event: "order.placed" }
