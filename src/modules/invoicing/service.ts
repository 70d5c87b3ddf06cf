import type Stripe from "stripe"
import { MedusaService } from "@medusajs/framework/utils"
import type { HubConfig } from "../../lib/config/env"
import { createStripeClient } from "../../lib/stripe/client"
import { CreditNote } from "./models/credit-note"
import { Invoice } from "./models/invoice"
import { StripeEvent } from "./models/stripe-event"

export { isForwardTransition } from "./lib/status"

/** What medusa-config.ts passes (from the configuration loaded once, src/lib/config/env.ts). */
export type InvoicingModuleOptions = {
  stripe: Omit<HubConfig["stripe"], "apiBase"> & { apiBase?: string }
}

class InvoicingModuleService extends MedusaService({ Invoice, StripeEvent, CreditNote }) {
  protected readonly options_: InvoicingModuleOptions
  private stripeClient_?: Stripe

  constructor(_cradle: Record<string, unknown>, options: InvoicingModuleOptions) {
    // eslint-disable-next-line prefer-rest-params
    super(...arguments)
    this.options_ = options
  }

  /** The hub's Stripe client for the invoicing workflows and jobs, built once from the module's options. */
  stripe(): Stripe {
    const { apiKey, apiBase, timeoutMs, maxNetworkRetries } = this.options_.stripe
    this.stripeClient_ ??= createStripeClient({ apiKey, apiBase, timeoutMs, maxNetworkRetries })
    return this.stripeClient_
  }

  /** Throws unless `signature` (the Stripe-Signature header) signs `rawBody` with the webhook secret. */
  verifyStripeWebhook(rawBody: Buffer, signature: string): void {
    this.stripe().webhooks.constructEvent(rawBody, signature, this.options_.stripe.webhookSecret)
  }
}

export default InvoicingModuleService
