import type { SubscriberArgs, SubscriberConfig } from "@medusajs/framework"
import { OrderEditWorkflowEvents, OrderWorkflowEvents } from "@medusajs/framework/utils"
import { followOrderChangeWorkflow } from "../workflows/invoicing/follow-order-change"

/**
 * A confirmed change of a placed order's lines — an order edit, a claim, an
 * exchange (the core flows that give an order a new version with other
 * lines) — brings its net-terms invoices in step: reissue, supplementary
 * invoice or credit note (followOrderChangeWorkflow). The workflow compares
 * the order with its invoices, so a redelivered event does nothing more;
 * what a failed run leaves is finished by the invoices-reconcile job.
 */
export default async function orderChangeInvoiceHandler({
  event: { data },
  container,
}: SubscriberArgs<{ order_id?: string }>) {
  if (!data.order_id) return
  await followOrderChangeWorkflow(container).run({ input: { order_id: data.order_id } })
}

export const config: SubscriberConfig = {
  event: [OrderEditWorkflowEvents.CONFIRMED, OrderWorkflowEvents.CLAIM_CREATED, OrderWorkflowEvents.EXCHANGE_CREATED],
  context: { subscriberId: "order-change-invoice" },
}
