import type { SubscriberArgs, SubscriberConfig } from "@medusajs/framework"
import { issueInvoiceWorkflow } from "../workflows/invoicing/issue-invoice"
import { recordOrderEventWorkflow } from "../workflows/orders/record-order-event"

/**
 * A placed order: record `order.placed` (ERP sync + partner webhooks) and
 * issue its net-terms invoice. Both workflows are idempotent; a failed invoice
 * stays visible and is retried by the invoicing reconciler job.
 */
export default async function orderPlacedHandler({ event: { data }, container }: SubscriberArgs<{ id: string }>) {
  // Independent effects: one failing must not hold back the other.
  const results = await Promise.allSettled([
    recordOrderEventWorkflow(container).run({ input: { order_id: data.id, type: "order.placed" } }),
    issueInvoiceWorkflow(container).run({ input: { order_id: data.id } }),
  ])
  const failure = results.find((r): r is PromiseRejectedResult => r.status === "rejected")
  if (failure) throw failure.reason
}

export const config: SubscriberConfig = { event: "order.placed" }
