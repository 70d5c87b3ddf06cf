import type Stripe from "stripe"
import { loadHubConfig } from "../config/env"
import { createStripeClient } from "./client"

let cached: { key: string; client: Stripe } | undefined

/**
 * The hub's Stripe client for workflows and jobs, built from the environment
 * when first needed (so a test can point STRIPE_API_BASE at its sandbox).
 */
export function getHubStripe(): Stripe {
  const { stripe } = loadHubConfig()
  const key = `${stripe.apiKey}|${stripe.apiBase ?? ""}|${stripe.timeoutMs}|${stripe.maxNetworkRetries}`
  if (!cached || cached.key !== key) {
    cached = {
      key,
      client: createStripeClient({
        apiKey: stripe.apiKey,
        apiBase: stripe.apiBase?.toString(),
        timeoutMs: stripe.timeoutMs,
        maxNetworkRetries: stripe.maxNetworkRetries,
      }),
    }
  }
  return cached.client
}
