import type { SubscriberArgs, SubscriberConfig } from "@medusajs/framework"
import { OrderWorkflowEvents } from "@medusajs/framework/utils"
import { recordOrderReturnWorkflow } from "../workflows/orders/record-order-return"

/** A received return reaches the ERPs and partners as `order.returned` (the workflow says how). */
export default async function orderReturnedHandler({
  event: { data },
  container,
}: SubscriberArgs<{ order_id: string; return_id: string }>) {
  await recordOrderReturnWorkflow(container).run({ input: { order_id: data.order_id, return_id: data.return_id } })
}

export const config: SubscriberConfig = {
  event: OrderWorkflowEvents.RETURN_RECEIVED,
  context: { subscriberId: "order-return-received-record" },
}
