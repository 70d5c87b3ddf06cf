import type { SubscriberArgs, SubscriberConfig } from "@medusajs/framework"
import { issueInvoiceWorkflow } from "../workflows/invoicing/issue-invoice"
import { recordOrderEventWorkflow } from "../workflows/orders/record-order-event"

/**
 * A placed order: record `order.placed` (ERP sync + partner webhooks) and
 * issue its net-terms invoice. Both workflows are idempotent; a failed invoice
 * stays visible and is retried by the invoicing reconciler job.
 */
export default async function orderPlacedHandler({ event: { data }, container }: SubscriberArgs<{ id: string }>) {
  await recordOrderEventWorkflow(container).run({ input: { order_id: data.id, type: "order.placed" } })
  await issueInvoiceWorkflow(container).run({ input: { order_id: data.id } })
}

export const config: SubscriberConfig = { event: "order.placed" }
