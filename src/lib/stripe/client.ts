import Stripe from "stripe"

/**
 * The Stripe API version this code is written and tested against. It equals
 * the version the installed SDK pins; upgrade both together (stripe-node ships
 * one API version per major).
 */
export const STRIPE_API_VERSION = "2026-10-28.endive" as const

export type StripeClientOptions = {
  apiKey: string
  /** e.g. http://127.0.0.1:12111 for the local sandbox; unset = api.stripe.com. */
  apiBase?: string
  timeoutMs?: number
  maxNetworkRetries?: number
}

export function createStripeClient(options: StripeClientOptions): Stripe {
  const base = options.apiBase ? new URL(options.apiBase) : undefined
  return new Stripe(options.apiKey, {
    apiVersion: STRIPE_API_VERSION,
    // The SDK retries connection errors and 5xx with its own backoff; our
    // deterministic idempotency keys make those retries (and ours) safe.
    maxNetworkRetries: options.maxNetworkRetries ?? 2,
    timeout: options.timeoutMs ?? 20_000,
    telemetry: false,
    ...(base
      ? {
          host: base.hostname,
          port: Number(base.port || (base.protocol === "https:" ? 443 : 80)),
          protocol: base.protocol.replace(":", "") as "http" | "https",
        }
      : {}),
  })
}
