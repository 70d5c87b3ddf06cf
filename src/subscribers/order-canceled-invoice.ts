import type { SubscriberArgs, SubscriberConfig } from "@medusajs/framework"
import { voidOrderInvoiceWorkflow } from "../workflows/invoicing/void-order-invoice"

/**
 * A canceled order's unpaid net-terms invoice is voided, at whatever stage
 * issuing reached, and `invoice.voided` recorded. (Medusa's cancel-order flow
 * cancels the payment through the provider, which only releases the credit.)
 */
export default async function orderCanceledInvoiceHandler({
  event: { data },
  container,
}: SubscriberArgs<{ id: string }>) {
  await voidOrderInvoiceWorkflow(container).run({ input: { order_id: data.id } })
}

export const config: SubscriberConfig = { event: "order.canceled", context: { subscriberId: "order-canceled-invoice" } }
