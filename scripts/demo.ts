/**
 * `npm run demo`: one B2B order through the whole hub, against the local
 * Postgres and Redis and in-process sandboxes for Stripe, the ERP and a partner.
 * Prints each hop; exits 0 only if every hop happened.
 */
import { createWriteStream, mkdtempSync, readFileSync } from "node:fs"
import { tmpdir } from "node:os"
import { join } from "node:path"
import { loadHubConfig } from "../src/lib/config/env"
import { checkPostgres, checkRedis, ensureDatabase, PreflightError } from "./demo/preflight"
import { freePort, run, startHub, stopHub, waitForHealth } from "./demo/processes"
import { startStripeSandbox } from "../integration-tests/sandboxes/stripe"
import { startErpSandbox } from "../integration-tests/sandboxes/erp"
import { startPartnerReceiver } from "../integration-tests/sandboxes/partner"
import { StoreClient, waitFor } from "../integration-tests/helpers/store-client"
import { toMajorString, toMinor } from "../src/lib/money"
import { NET_TERMS_PROVIDER_ID } from "../src/modules/providers/net-terms/constants"
import { assertOnce, printErpHop, printInvoiceHop, printPricingHop, printWebhookHop, step } from "./demo/hops"
import { printFulfillmentHop } from "./demo/fulfillment-hop"

async function main(): Promise<void> {
  const config = loadHubConfig()
  await checkPostgres(config.databaseUrl)
  await checkRedis(config.redisUrl)
  if (await ensureDatabase(config.databaseUrl)) step("database", `created ${new URL(config.databaseUrl).pathname.slice(1)}`)

  const stripe = await startStripeSandbox()
  const erp = await startErpSandbox()
  const partner = await startPartnerReceiver()
  const workDir = mkdtempSync(join(tmpdir(), "backy-demo-"))
  const port = await freePort()
  const hubUrl = `http://127.0.0.1:${port}`
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    STRIPE_API_BASE: stripe.url,
    STRIPE_WEBHOOK_SECRET: stripe.webhookSecret,
    WEBHOOK_ALLOWLIST: "127.0.0.1",
    HUB_QUEUE_PREFIX: "backy-demo",
    DEMO_ERP_NETSUITE_URL: erp.netsuiteBaseUrl,
    DEMO_ERP_NETSUITE_TOKEN_URL: erp.netsuiteTokenUrl,
    DEMO_PARTNER_URL: `${partner.url}/backy-events`,
    DEMO_SEED_OUT: join(workDir, "seed.json"),
  }
  let hub: ReturnType<typeof startHub> | undefined
  try {
    step("migrate", "medusa db:migrate")
    await run("npx", ["medusa", "db:migrate"], env)
    step("seed", "demo merchant, buyer company, Net 30 contract, ERP connection, partner endpoint")
    await run("npx", ["medusa", "exec", "./src/scripts/seed-demo.ts"], env)
    const seed = JSON.parse(readFileSync(env.DEMO_SEED_OUT!, "utf8"))

    const logFile = join(workDir, "hub.log")
    hub = startHub(port, env, createWriteStream(logFile))
    await waitForHealth(hubUrl, hub).catch((e) => {
      throw new Error(`${e.message} (log: ${logFile})`)
    })
    stripe.setWebhookUrl(`${hubUrl}/hooks/payment/net-terms_net-terms`)
    step("hub", `listening on ${hubUrl} (log: ${logFile})`)

    // The buyer's storefront: Medusa's standard store API, nothing else.
    const store = new StoreClient(hubUrl, seed.publishable_key)
    await store.login(seed.buyer.email, seed.buyer.password)
    const [kit, gloves, wrap] = seed.variants
    let cart = await store.createCart({ region_id: seed.region_id, items: [{ variant_id: kit.id, quantity: 24 }] })
    cart = await store.addItem(cart.id, gloves.id, 120)
    cart = await store.addItem(cart.id, wrap.id, 6)
    printPricingHop(cart)
    const poNumber = `PO-${Date.now().toString().slice(-6)}`
    const order = await store.checkout(cart.id, { providerId: NET_TERMS_PROVIDER_ID, poNumber, shippingOptionId: seed.erp_shipping_option_id })
    step("order", `#${order.display_id} placed through the store API (${order.id}), total ${toMajorString(toMinor(String(order.total), order.currency_code, { round: true }), order.currency_code)} ${order.currency_code.toUpperCase()}, ${poNumber}`)

    const invoice = await waitFor(() => stripe.invoices().find((i) => i.metadata.medusa_order_id === order.id && i.status === "open"), 30_000, "the Stripe invoice")
    printInvoiceHop(invoice, order)
    assertOnce("Stripe invoice creation", stripe.invoices().filter((i) => i.metadata.medusa_order_id === order.id).length)
    stripe.payInvoice(invoice.id)
    const paid = await waitFor(async () => {
      const { order: o } = await store.request("GET", `/store/orders/${order.id}?fields=payment_status`)
      return o.payment_status === "captured" ? o : undefined
    }, 30_000, "the order to be paid")
    step("stripe", `invoice ${invoice.number} paid in Stripe → Medusa payment ${paid.payment_status}`)

    await printErpHop({ erp, order, hubUrl, seed })
    await printFulfillmentHop({ erp, order, hubUrl, seed })
    await printWebhookHop({ partner, order, seed })
    step("done", "every hop reached exactly once")
  } finally {
    if (hub) await stopHub(hub)
    await Promise.allSettled([stripe.close(), erp.close(), partner.close()])
  }
}

main().then(
  () => process.exit(0),
  (e) => {
    if (e instanceof PreflightError) {
      console.error(`demo: ${e.message}`)
    } else {
      console.error(`demo failed: ${e instanceof Error ? e.message : String(e)}`)
    }
    process.exit(1)
  }
)
