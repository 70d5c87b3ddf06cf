import type Stripe from "stripe"
import type { SubscriberArgs, SubscriberConfig } from "@medusajs/framework"
import { PaymentWebhookEvents } from "@medusajs/framework/utils"
import { applyStripeEventWorkflow } from "../workflows/invoicing/apply-stripe-event"

type WebhookReceived = { provider: string; payload: { data: Stripe.Event } }

/**
 * Stripe events for the net-terms provider (already signature-checked by the
 * webhook route's middleware) update our invoice records. Medusa's own
 * subscriber handles the payment side (capture on invoice.paid).
 */
export default async function stripeInvoiceEventsHandler({
  event: { data },
  container,
}: SubscriberArgs<WebhookReceived>) {
  if (data.provider !== "net-terms_net-terms") return
  await applyStripeEventWorkflow(container).run({ input: { event: data.payload.data } })
}

export const config: SubscriberConfig = { event: PaymentWebhookEvents.WebhookReceived }
