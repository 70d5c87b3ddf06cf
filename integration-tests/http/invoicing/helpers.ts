import type { MedusaContainer } from "@medusajs/framework/types"
import { ContainerRegistrationKeys } from "@medusajs/framework/utils"
import { seedBuyer } from "../../../src/scripts/seed/seed-buyer"
import { seedCommerce, SeedCommerceOptions, SeededCommerce } from "../../../src/scripts/seed/seed-commerce"
import { seedCompanyWithContract, ContractRuleSeed } from "../../../src/scripts/seed/seed-company"
import { INVOICING_MODULE } from "../../../src/modules/invoicing"
import { OUTBOX_MODULE } from "../../../src/modules/outbox"
import { ERP_MODULE } from "../../../src/modules/erp"
import { ORDER_MONEY_FIELDS, orderMoney, OrderMoney } from "../../../src/lib/orders/order-money"
import type { OrderDocument } from "../../../src/lib/orders/order-document"
import { currencyExponent, toStripeAmount } from "../../../src/lib/money"
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
export async function waitForInvoice(
  container: MedusaContainer,
  orderId: string,
  ready: (row: any) => boolean = () => true,
  what = "the invoice record"
) {
  return await waitFor(
    async () => {
      const [row] = await invoicing(container).listInvoices({ order_id: orderId })
      return row && ready(row) ? row : undefined
    },
    30_000,
    what
  )
}

/** Hub events recorded for one invoice, oldest first. */
export async function hubEventsOf(
  container: MedusaContainer,
  invoiceId: string
): Promise<{ type: string; dedupe_key: string; sequence: number; payload: any }[]> {
  const hub = container.resolve(OUTBOX_MODULE) as any
  return await hub.listHubEvents({ resource_type: "invoice", resource_id: invoiceId }, { order: { sequence: "ASC" } })
}

export async function adminHeaders(container: MedusaContainer) {
  return { authorization: `Bearer ${await createAdminToken(container)}` }
}

/**
 * For each idempotency key under `prefix` that Stripe ran: how many times
 * (executed, not a replay). More than 1 would be a duplicate object. Keys
 * whose calls never ran (failed before executing, or a 500 Stripe saved
 * under the key, which the hub then repeats under a fresh key) are left out.
 */
export function executionsPerKey(sbx: StripeSandbox, prefix: string): Record<string, number> {
  const counts: Record<string, number> = {}
  for (const r of sbx.requests()) {
    if (!r.idempotencyKey?.startsWith(prefix) || !r.executed || r.replayed) continue
    counts[r.idempotencyKey] = (counts[r.idempotencyKey] ?? 0) + 1
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
export async function startSandboxInRange(
  from: number,
  to: number,
  options: StripeSandboxOptions
): Promise<StripeSandbox> {
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

/** All of an order's invoice records, first to last (`sequence`): after an edit there can be several. */
export async function invoicesOfOrder(container: MedusaContainer, orderId: string): Promise<any[]> {
  const rows = await invoicing(container).listInvoices({ order_id: orderId })
  return [...rows].sort((a: any, b: any) => Number(a.sequence) - Number(b.sequence))
}

/** An order's invoice records once they satisfy `ready` (all of them, first to last). */
export async function waitForInvoices(
  container: MedusaContainer,
  orderId: string,
  ready: (rows: any[]) => boolean,
  what = "the order's invoices",
  timeoutMs = 30_000
) {
  return await waitFor(
    async () => {
      const rows = await invoicesOfOrder(container, orderId)
      return ready(rows) ? rows : undefined
    },
    timeoutMs,
    what
  )
}

/**
 * The Stripe sandbox of one spec file, and the environment its app boots
 * with: the webhook secret (`whsec_` + base64 of `test-secret-<name>`), the
 * in-process event bus and workflow engine, and a queue prefix of its own;
 * `env` adds to it (no SDK retries, a short timeout…). Call it at the top of
 * the file, before medusaIntegrationTestRunner: its beforeAll then runs first
 * and the app boots pointing at the sandbox (STRIPE_API_BASE), which is closed
 * after the app. Returns the running sandbox's getter.
 */
export function useStripeSandbox(
  name: string,
  ports: [number, number],
  env: Record<string, string> = {}
): () => StripeSandbox {
  const webhookSecret = `whsec_${Buffer.from(`test-secret-${name}`).toString("base64").replace(/=+$/, "")}`
  Object.assign(process.env, {
    STRIPE_WEBHOOK_SECRET: webhookSecret,
    MEDUSA_REDIS_MODULES: "false",
    HUB_QUEUE_PREFIX: `backy-test-${process.pid}-${name}`,
    ...env,
  })
  let sandbox: StripeSandbox | undefined
  beforeAll(async () => {
    sandbox = await startSandboxInRange(ports[0], ports[1], { webhookSecret })
  })
  afterAll(async () => {
    await sandbox?.close()
  })
  return () => {
    if (!sandbox) throw new Error(`The Stripe sandbox of ${name} is not running`)
    return sandbox
  }
}

/** Where the sandbox delivers Stripe's webhooks: Medusa's route of the net-terms provider. */
export const netTermsWebhookUrl = (api: { defaults: { baseURL?: string } }) =>
  `${api.defaults.baseURL}/hooks/payment/net-terms_net-terms`

/**
 * Inside medusaIntegrationTestRunner's suite: once the app is up, points the
 * sandbox's webhooks at it and seeds the merchant (seedCommerce with
 * `options`), before the runner snapshots the database. Returns the seeded
 * merchant's getter.
 */
export function useMerchant(
  api: { defaults: { baseURL?: string } },
  getContainer: () => MedusaContainer,
  sandbox: () => StripeSandbox,
  options: SeedCommerceOptions = {}
): () => SeededCommerce {
  let commerce: SeededCommerce | undefined
  beforeAll(async () => {
    sandbox().setWebhookUrl(netTermsWebhookUrl(api))
    commerce = await seedCommerce(getContainer(), options)
  })
  return () => {
    if (!commerce) throw new Error("The merchant is not seeded yet")
    return commerce
  }
}

/** The order's money fields as Medusa stores them now (ORDER_MONEY_FIELDS). */
async function medusaOrder(container: MedusaContainer, orderId: string): Promise<any> {
  const query = container.resolve(ContainerRegistrationKeys.QUERY)
  const { data } = await query.graph({ entity: "order", fields: ORDER_MONEY_FIELDS, filters: { id: orderId } })
  if (!data[0]) throw new Error(`No order ${orderId}`)
  return data[0]
}

/** The order as Medusa stores it now, through the hub's money model. */
export async function orderMoneyOf(container: MedusaContainer, orderId: string): Promise<OrderMoney> {
  return orderMoney(await medusaOrder(container, orderId))
}

/**
 * The order document the hub published for ERPs (the pull feed; also what
 * the push sends), once it satisfies `ready` — or, after `timeoutMs`, the
 * last one seen, so the caller's assertion shows the difference.
 */
export async function erpDocument(
  container: MedusaContainer,
  orderId: string,
  ready: (document: OrderDocument) => boolean = () => true,
  timeoutMs = 20_000
): Promise<OrderDocument> {
  let last: OrderDocument | undefined
  try {
    return await waitFor(
      async () => {
        const [row] = await (container.resolve(ERP_MODULE) as any).listErpOrderFeeds({ order_id: orderId })
        last = row?.document
        return last && ready(last) ? last : undefined
      },
      timeoutMs,
      `the ERP document of ${orderId}`
    )
  } catch (error) {
    if (last) return last
    throw error
  }
}

/**
 * The books agree, to the minor unit: what Stripe bills for the order (an
 * invoice, or Σ live invoices − credit notes, in Stripe's units) = Medusa's
 * order total, read through the money model = the total of the ERP document.
 * A currency Stripe cannot carry exactly (KWD in multiples of 10 fils) is
 * compared at Stripe's precision (the difference is the invoice's stated
 * rounding line).
 */
export async function assertBooksAgree(
  container: MedusaContainer,
  orderId: string,
  billed: { currency: string; total: number }
) {
  const order = await medusaOrder(container, orderId)
  const money = orderMoney(order)
  const currency = money.currency_code
  const document = await erpDocument(container, orderId, (d) => BigInt(d.total_minor) === money.total_minor)
  expect({
    // Medusa keeps sub-minor precision: its total, rounded once, is the model's.
    medusa: BigInt(totalMinor(order.total, currencyExponent(currency))),
    stripe: [billed.currency, BigInt(billed.total)],
    erp: [document.currency_code, BigInt(document.total_minor)],
  }).toEqual({
    medusa: money.total_minor,
    stripe: [currency, toStripeAmount(money.total_minor, currency).amount],
    erp: [currency, money.total_minor],
  })
  return { money, document }
}
