import type { MedusaContainer } from "@medusajs/framework/types"
import { seedBuyer } from "../../../src/lib/seed/seed-buyer"
import { seedCompanyWithContract, ContractRuleSeed } from "../../../src/lib/seed/seed-company"
import { INVOICING_MODULE } from "../../../src/modules/invoicing"
import { HUB_MODULE } from "../../../src/modules/hub"
import { StoreClient, waitFor } from "../../helpers/store-client"
import { createAdminToken } from "../../helpers/admin"
import { startStripeSandbox, StripeSandbox, StripeSandboxOptions } from "../../sandboxes/stripe"

let counter = 0

/**
 * A fresh buyer company (own contract, no Stripe customer yet) with a logged-in
 * employee: tests that count Stripe customers need a company no earlier test
 * touched (the sandbox outlives each test's database reset).
 */
export async function freshBuyer(
  container: MedusaContainer,
  baseUrl: string,
  publishableKey: string,
  options: { currency?: string; payment_terms?: string; credit_limit_minor?: number; rules?: ContractRuleSeed[] } = {}
) {
  const tag = `${process.pid}-${Date.now()}-${++counter}`
  const { company_id, contract_id } = await seedCompanyWithContract(container, {
    name: `Buyer Co ${tag}`,
    currency_code: options.currency ?? "usd",
    payment_terms: options.payment_terms ?? "net_30",
    credit_limit_minor: options.credit_limit_minor ?? 100_000_000,
    rules: options.rules ?? [],
  })
  const email = `buyer-${tag}@example.test`
  await seedBuyer(container, { email, password: "correct-horse-battery", company_id })
  const store = new StoreClient(baseUrl, publishableKey)
  await store.login(email, "correct-horse-battery")
  return { company_id, contract_id, store, email }
}

export const invoicing = (container: MedusaContainer) => container.resolve(INVOICING_MODULE) as any

/** Our invoice record of an order, once it exists (and satisfies `ready`). */
export async function waitForInvoice(container: MedusaContainer, orderId: string, ready: (row: any) => boolean = () => true, what = "the invoice record") {
  return await waitFor(async () => {
    const [row] = await invoicing(container).listInvoices({ order_id: orderId })
    return row && ready(row) ? row : undefined
  }, 30_000, what)
}

/** Hub events recorded for one invoice, oldest first. */
export async function hubEventsOf(container: MedusaContainer, invoiceId: string): Promise<{ type: string; dedupe_key: string; sequence: number; payload: any }[]> {
  const hub = container.resolve(HUB_MODULE) as any
  return await hub.listHubEvents({ resource_type: "invoice", resource_id: invoiceId }, { order: { sequence: "ASC" } })
}

export async function adminHeaders(container: MedusaContainer) {
  return { authorization: `Bearer ${await createAdminToken(container)}` }
}

/**
 * For each idempotency key under `prefix`: how many times Stripe really ran
 * it (executed, not a replay). More than 1 would be a duplicate object.
 */
export function executionsPerKey(sbx: StripeSandbox, prefix: string): Record<string, number> {
  const counts: Record<string, number> = {}
  for (const r of sbx.requests()) {
    if (!r.idempotencyKey?.startsWith(prefix)) continue
    counts[r.idempotencyKey] = (counts[r.idempotencyKey] ?? 0) + (r.executed && !r.replayed ? 1 : 0)
  }
  return counts
}

/** The order total in minor units, as Stripe must bill it (Medusa keeps sub-minor precision). */
export function totalMinor(total: number | string, exponent: number): number {
  const [whole, frac = ""] = String(total).split(".")
  const digits = Number(whole + frac.padEnd(exponent, "0").slice(0, exponent))
  return frac.length > exponent && frac[exponent] >= "5" ? digits + 1 : digits
}

/**
 * Starts the Stripe sandbox on the first free port of [from, to] and points
 * the hub at it (STRIPE_API_BASE). Our ports sit in Linux's ephemeral range,
 * so a Postgres client socket can hold one at any moment: try the next. Call
 * it from a top-level beforeAll, declared before medusaIntegrationTestRunner,
 * so the app boots with the address.
 */
export async function startSandboxInRange(from: number, to: number, options: StripeSandboxOptions): Promise<StripeSandbox> {
  for (let port = from; port <= to; port++) {
    try {
      const sbx = await startStripeSandbox({ ...options, port })
      process.env.STRIPE_API_BASE = sbx.url
      return sbx
    } catch (error) {
      if ((error as { code?: string }).code !== "EADDRINUSE" && !/EADDRINUSE/.test(String(error))) throw error
    }
  }
  throw new Error(`No free port for the Stripe sandbox in ${from}-${to}`)
}
