import type { SubscriberArgs, SubscriberConfig } from "@medusajs/framework"
import { voidOrderInvoiceWorkflow } from "../workflows/invoicing/void-order-invoice"

/**
 * A canceled order's unpaid net-terms invoice is voided. Medusa's
 * cancel-order flow already asks the net-terms provider to cancel the payment
 * (which voids with the same idempotency key); this covers invoices still
 * being issued and records `invoice.voided`.
 */
export default async function orderCanceledInvoiceHandler({ event: { data }, container }: SubscriberArgs<{ id: string }>) {
  await voidOrderInvoiceWorkflow(container).run({ input: { order_id: data.id } })
}

export const config: SubscriberConfig = { event: "order.canceled", context: { subscriberId: "order-canceled-invoice" } }
