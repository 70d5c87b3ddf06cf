import type Stripe from "stripe"
import { MedusaService } from "@medusajs/framework/utils"
import type { Knex } from "@medusajs/framework/mikro-orm/knex"
import type { HubConfig } from "../../lib/config/env"
import { createStripeClient } from "../../lib/stripe/client"
import { CreditNote } from "./models/credit-note"
import { Invoice } from "./models/invoice"
import { StripeEvent } from "./models/stripe-event"
import type { InvoiceStatus } from "./models/invoice"
import { countInvoicesByStatus } from "./lib/invoice-counts"
import { hubMetrics } from "../../lib/metrics/registry"
import { registerScrapeSource } from "../../lib/metrics/scrape"

export { isForwardTransition } from "./lib/status"

/** What medusa-config.ts passes (from the configuration loaded once, src/lib/config/env.ts). */
export type InvoicingModuleOptions = {
  stripe: Omit<HubConfig["stripe"], "apiBase"> & { apiBase?: string }
}

class InvoicingModuleService extends MedusaService({ Invoice, StripeEvent, CreditNote }) {
  protected readonly options_: InvoicingModuleOptions
  protected readonly pg_: Knex
  private stripeClient_?: Stripe

  constructor(cradle: { __pg_connection__: Knex }, options: InvoicingModuleOptions) {
    // eslint-disable-next-line prefer-rest-params
    super(...arguments)
    this.options_ = options
    this.pg_ = cradle.__pg_connection__
    // backy_invoices{status}, counted at every scrape.
    registerScrapeSource("invoicing", async () => {
      const counts = await this.countInvoicesByStatus()
      for (const [status, count] of Object.entries(counts)) hubMetrics().invoices.set({ status }, count)
    })
  }

  /** Invoice records per status, every status present (lib/invoice-counts.ts): one grouped, time-bounded query. */
  async countInvoicesByStatus(): Promise<Record<InvoiceStatus, number>> {
    return await countInvoicesByStatus(this.pg_)
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
