import type { SubscriberArgs, SubscriberConfig } from "@medusajs/framework"
import { creditReturnWorkflow } from "../workflows/invoicing/credit-return"

/** Returned goods of a net-terms order are credited on its Stripe invoice (a credit note). */
export default async function orderReturnReceivedHandler({
  event: { data },
  container,
}: SubscriberArgs<{ order_id: string; return_id: string }>) {
  await creditReturnWorkflow(container).run({ input: { return_id: data.return_id } })
}

export const config: SubscriberConfig = {
  event: "order.return_received",
  context: { subscriberId: "order-return-received-credit" },
}
