/**
 * `npm run demo`: one B2B order through the whole hub, against the local
 * Postgres and Redis and in-process sandboxes for Stripe, the ERP and a partner.
 * Prints each hop; exits 0 only if every hop happened.
 *
 * `npm run demo -- --keep`: the same, then the hub and the sandboxes keep
 * running on the demo's data until Ctrl-C (see ./demo/keep.ts).
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
import { approveThroughCompanyAdmin } from "./demo/approval-hop"
import { printQuoteHop } from "./demo/quote-hop"
import { printKeptDemo, untilStopped } from "./demo/keep"
import { Shutdown } from "./demo/shutdown"

const USAGE = "usage: npm run demo [-- --keep]"

function parseArgs(argv: string[]): { keep: boolean } {
  for (const arg of argv) if (arg !== "--keep") throw new Error(`unknown option ${arg} (${USAGE})`)
  return { keep: argv.includes("--keep") }
}

async function main(): Promise<void> {
  const { keep } = parseArgs(process.argv.slice(2))
  const config = loadHubConfig()
  await checkPostgres(config.databaseUrl)
  await checkRedis(config.redisUrl)
  if (await ensureDatabase(config.databaseUrl))
    step("database", `created ${new URL(config.databaseUrl).pathname.slice(1)}`)

  const shutdown = new Shutdown()
  const stripe = await startStripeSandbox()
  const erp = await startErpSandbox()
  const partner = await startPartnerReceiver()
  shutdown.add(() => Promise.allSettled([stripe.close(), erp.close(), partner.close()]))
  const workDir = mkdtempSync(join(tmpdir(), "backy-demo-"))
  const port = await freePort()
  const hubUrl = `http://127.0.0.1:${port}`
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    STRIPE_API_BASE: stripe.url,
    STRIPE_WEBHOOK_SECRET: stripe.webhookSecret,
    WEBHOOK_ALLOWLIST: "127.0.0.1",
    // Its own Redis namespace unless told otherwise, so that a hub already
    // running on this Redis (npm run dev) does not take the demo's jobs.
    HUB_QUEUE_PREFIX: process.env.HUB_QUEUE_PREFIX ? config.queuePrefix : "backy-demo",
    DEMO_ERP_NETSUITE_URL: erp.netsuiteBaseUrl,
    DEMO_ERP_NETSUITE_TOKEN_URL: erp.netsuiteTokenUrl,
    DEMO_PARTNER_URL: `${partner.url}/backy-events`,
    DEMO_SEED_OUT: join(workDir, "seed.json"),
    // The dashboard only when someone will look at it (--keep): it needs a build.
    ADMIN_DASHBOARD: keep ? "true" : "false",
  }
  try {
    // DEMO_DASHBOARD_BUILT=true: ./public/admin is current (the browser tests build it once).
    if (keep && process.env.DEMO_DASHBOARD_BUILT !== "true") {
      step("dashboard", "npm run build (Medusa's admin with backy's pages)")
      await run("npm", ["run", "build"], env)
    }
    step("migrate", "medusa db:migrate")
    await run("npx", ["medusa", "db:migrate"], env)
    step("seed", "demo merchant, buyer company, Net 30 contract, ERP connection, partner endpoint")
    await run("npx", ["medusa", "exec", "./src/scripts/seed-demo.ts"], env)
    const seed = JSON.parse(readFileSync(env.DEMO_SEED_OUT!, "utf8"))

    const logFile = join(workDir, "hub.log")
    const hub = startHub(port, env, createWriteStream(logFile))
    shutdown.add(() => stopHub(hub))
    await waitForHealth(hubUrl, hub).catch((e) => {
      throw new Error(`${e.message} (log: ${logFile})`)
    })
    stripe.setWebhookUrl(`${hubUrl}/hooks/payment/net-terms_net-terms`)
    step("hub", `listening on ${hubUrl}, Redis namespace ${env.HUB_QUEUE_PREFIX} (log: ${logFile})`)

    // The buyer's storefront: Medusa's standard store API, nothing else.
    const store = new StoreClient(hubUrl, seed.publishable_key)
    await store.login(seed.buyer.email, seed.buyer.password)
    const [kit, gloves, wrap] = seed.variants
    let cart = await store.createCart({ region_id: seed.region_id, items: [{ variant_id: kit.id, quantity: 24 }] })
    // Gloves in two steps, as a buyer clicks "Add to cart" twice: one line, priced on all 120.
    cart = await store.addItem(cart.id, gloves.id, 100)
    cart = await store.addItem(cart.id, gloves.id, 20)
    const gloveLines = cart.items.filter((i: { variant_id: string }) => i.variant_id === gloves.id)
    if (gloveLines.length !== 1 || Number(gloveLines[0].quantity) !== 120)
      throw new Error(
        `adding gloves twice should make one line of 120, got ${JSON.stringify(gloveLines.map((l: { quantity: number }) => l.quantity))}`
      )
    step(
      "cart",
      `gloves added as 100 + 20: one line of ${gloveLines[0].quantity} × ${gloveLines[0].unit_price} (${gloveLines[0].metadata?.price_explanation ?? "catalogue price"})`
    )
    // The product page shows the buyer the price the cart charges (Medusa's product API, the contract's price list).
    const { products } = await store.request(
      "GET",
      `/store/products?region_id=${seed.region_id}&fields=*variants.calculated_price&quantity=120&limit=100`
    )
    const listed = products
      .flatMap((p: { variants: unknown[] }) => p.variants)
      .find((v: { id: string }) => v.id === gloves.id)
    const pagePrice = listed?.calculated_price?.calculated_amount
    if (Number(pagePrice) !== Number(gloveLines[0].unit_price))
      throw new Error(`the product API shows gloves at ${pagePrice} for 120, the cart at ${gloveLines[0].unit_price}`)
    step(
      "catalogue",
      `the buyer's product page shows gloves at ${pagePrice} for 120 (catalogue ${gloveLines[0].metadata?.medusa_unit_price}), as the cart does`
    )
    cart = await store.addItem(cart.id, wrap.id, 6)
    // A promotion on top of contract prices, taxed: the invoice must still equal the order.
    cart = await store.applyPromotions(cart.id, [seed.promotion_code])
    printPricingHop(cart)
    const poNumber = `PO-${Date.now().toString().slice(-6)}`
    // The company's rule: orders above 500.00 USD wait for a company admin. Completing asks for approval.
    await store.prepareCheckout(cart.id, {
      providerId: NET_TERMS_PROVIDER_ID,
      poNumber,
      shippingOptionId: seed.erp_shipping_option_id,
    })
    const order = await approveThroughCompanyAdmin({ store, cartId: cart.id, hubUrl, seed })
    step(
      "order",
      `#${order.display_id} placed through the store API (${order.id}), total ${toMajorString(toMinor(String(order.total), order.currency_code, { round: true }), order.currency_code)} ${order.currency_code.toUpperCase()}, ${poNumber}`
    )

    const invoice = await waitFor(
      () => stripe.invoices().find((i) => i.metadata.medusa_order_id === order.id && i.status === "open"),
      30_000,
      "the Stripe invoice"
    )
    printInvoiceHop(invoice, order)
    const orderMinor = toMinor(String(order.total), order.currency_code, { round: true })
    if (BigInt(invoice.total) !== orderMinor)
      throw new Error(`the invoice total ${invoice.total} differs from the order total ${orderMinor}`)
    if (!(Number(order.discount_total) > 0 && Number(order.tax_total) > 0))
      throw new Error("the demo order should carry a promotion and tax")
    assertOnce(
      "Stripe invoice creation",
      stripe.invoices().filter((i) => i.metadata.medusa_order_id === order.id).length
    )
    stripe.payInvoice(invoice.id)
    const paid = await waitFor(
      async () => {
        const { order: o } = await store.request("GET", `/store/orders/${order.id}?fields=payment_status`)
        return o.payment_status === "captured" ? o : undefined
      },
      30_000,
      "the order to be paid"
    )
    step("stripe", `invoice ${invoice.number} paid in Stripe → Medusa payment ${paid.payment_status}`)

    await printErpHop({ erp, order, hubUrl, seed })
    await printFulfillmentHop({ erp, order, hubUrl, seed })
    await printWebhookHop({ partner, order, seed })
    await printQuoteHop({ stripe, hubUrl, seed })
    step("done", "every hop reached exactly once")

    if (keep) {
      printKeptDemo({
        hubUrl,
        logFile,
        seed,
        stripeUrl: stripe.url,
        erpUrl: erp.url,
        partnerUrl: env.DEMO_PARTNER_URL!,
      })
      await untilStopped(hub, shutdown, logFile)
      await shutdown.run()
      step("stopped", "the hub and the sandboxes are stopped")
    }
  } finally {
    await shutdown.run()
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
