/**
 * `npm run soak`: orders through the store API at a steady rate for SOAK_SECONDS (default 120)
 * while the hub's worker is killed with SIGKILL, its Redis database is flushed, the ERP fails
 * (5xx, then 429 with Retry-After) in bursts and the partner hangs; then, faults stopped, the
 * hub has SOAK_DRAIN_SECONDS (180) to bring every order everywhere: exactly one Stripe invoice,
 * exactly one ERP record at its latest version, every webhook the partner is owed.
 *
 * Progress goes to stderr; the last line on stdout is one JSON object:
 * `{"orders":…,"faults":{…},"lost":0,"doubled":0,"p99_order_to_partner_ms":…,…}`.
 * Exits 1 when anything was lost or doubled or the drain timed out (the JSON line says which).
 * Settings: scripts/soak/options.ts.
 */
import { mkdtempSync, writeFileSync } from "node:fs"
import { tmpdir } from "node:os"
import { join } from "node:path"
import { checkPostgres, checkRedis, PreflightError } from "./demo/preflight"
import { Shutdown } from "./demo/shutdown"
import { startStripeSandbox } from "../integration-tests/sandboxes/stripe"
import { startErpSandbox } from "../integration-tests/sandboxes/erp"
import { startPartnerReceiver } from "../integration-tests/sandboxes/partner"
import { freshDatabase, freshRedis, HubProcesses, seedHub } from "./soak/hub"
import { progress, readSoakOptions } from "./soak/options"
import { OrderPlacer } from "./soak/orders"
import { FaultInjector } from "./soak/faults"
import { verify, type Verdict } from "./soak/verify"

const DRAIN_POLL_MS = 3_000

async function main(): Promise<number> {
  const options = readSoakOptions()
  await checkPostgres(options.databaseUrl)
  await checkRedis(options.redisUrl)
  const shutdown = new Shutdown()
  try {
    const stripe = await startStripeSandbox()
    const erp = await startErpSandbox()
    const partner = await startPartnerReceiver()
    shutdown.add(() => Promise.allSettled([stripe.close(), erp.close(), partner.close()]))
    const workDir = mkdtempSync(join(tmpdir(), "backy-soak-"))
    const env: NodeJS.ProcessEnv = {
      ...process.env,
      DATABASE_URL: options.databaseUrl,
      REDIS_URL: options.redisUrl,
      HUB_QUEUE_PREFIX: options.queuePrefix,
      MEDUSA_REDIS_MODULES: "true",
      ADMIN_DASHBOARD: "false",
      // A sync claimed by the worker the soak kills waits out its lease before the reconciler
      // hands it back: 30 s instead of 5 min, as a deployment that restarts workers often would set.
      ERP_LEASE_MS: String(options.erpLeaseSeconds * 1000),
      STRIPE_API_BASE: stripe.url,
      STRIPE_WEBHOOK_SECRET: stripe.webhookSecret,
      WEBHOOK_ALLOWLIST: "127.0.0.1",
      DEMO_ERP_NETSUITE_URL: erp.netsuiteBaseUrl,
      DEMO_ERP_NETSUITE_TOKEN_URL: erp.netsuiteTokenUrl,
      DEMO_PARTNER_URL: `${partner.url}/backy-events`,
    }

    progress("setup", `fresh database ${new URL(options.databaseUrl).pathname.slice(1)}, Redis ${options.redisUrl}`)
    await Promise.all([freshDatabase(options.databaseUrl), freshRedis(options.redisUrl)])
    const seed = await seedHub(env, join(workDir, "seed.json"))
    progress("setup", "seeded the demo merchant, its ERP connection and its partner endpoint")
    const hub = new HubProcesses(env, workDir)
    shutdown.add(() => hub.stop())
    await hub.start()
    const hubUrl = await hub.serverUrl()
    stripe.setWebhookUrl(`${hubUrl}/hooks/payment/net-terms_net-terms`)
    progress("setup", `server ${hubUrl} and a worker up (logs: ${workDir})`)

    const placer = new OrderPlacer({
      hubUrl,
      seed,
      ordersPerSecond: options.ordersPerSecond,
      maxInFlight: options.maxInFlight,
      updateEvery: options.updateEvery,
    })
    const faults = new FaultInjector({
      hub,
      erp,
      partner,
      redisUrl: options.redisUrl,
      placed: () => placer.stats.placed,
    })
    shutdown.add(() => Promise.allSettled([placer.stop(), faults.stop()]))
    const loadMs = options.loadSeconds * 1000
    progress("load", `${options.ordersPerSecond} order/s for ${options.loadSeconds} s, faults on a schedule`)
    const loadStarted = Date.now()
    await placer.start()
    // Faults from the first order on: before it there is nothing in flight for them to hit.
    await Promise.race([placer.firstOrder, new Promise((r) => setTimeout(r, loadMs / 2))])
    faults.start(loadMs - (Date.now() - loadStarted))
    const ticker = setInterval(() => {
      const s = placer.stats
      progress(
        "load",
        `placed ${s.placed}, failed ${s.failed}, behind ${s.behind}${s.lastError ? ` (last: ${s.lastError})` : ""}`
      )
    }, 10_000)
    await new Promise((r) => setTimeout(r, loadMs - (Date.now() - loadStarted)))
    clearInterval(ticker)
    await placer.stop()
    await faults.stop()
    await hub.workerUp()
    progress("drain", `load over: ${placer.stats.placed} orders placed; faults stopped, waiting for the hub`)

    const drainStarted = Date.now()
    const targets = { databaseUrl: options.databaseUrl, endpointId: seed.webhook_endpoint_id, stripe, erp, partner }
    let verdict: Verdict = await verify(targets)
    while ((verdict.lost > 0 || verdict.doubled > 0) && Date.now() - drainStarted < options.drainSeconds * 1000) {
      await new Promise((r) => setTimeout(r, DRAIN_POLL_MS))
      verdict = await verify(targets)
      progress("drain", `${verdict.orders} orders: lost ${verdict.lost}, doubled ${verdict.doubled}`)
    }
    const drained = verdict.lost === 0 && verdict.doubled === 0
    for (const [kind, p] of Object.entries(verdict.problems))
      progress("verdict", `${kind}: ${p.count} (e.g. ${p.examples.join(", ")})`)

    const { problems, ...figures } = verdict
    const s = placer.stats
    const line = {
      orders: figures.orders,
      faults: faults.injected,
      lost: figures.lost,
      doubled: figures.doubled,
      p99_order_to_partner_ms: figures.p99_order_to_partner_ms,
      redelivered: figures.redelivered,
      // What the faults hit: ERP writes refused, partner requests left unanswered.
      fault_hits: {
        erp_5xx: erp.stats().failed,
        erp_429: erp.stats().throttled,
        partner_hang: partner.deliveries().filter((d) => d.answer === "hang").length,
      },
      checkouts: { started: s.started, placed: s.placed, failed: s.failed, behind: s.behind },
      updated: s.updated.size,
      drain_ms: Date.now() - drainStarted,
      drained,
      problems: Object.fromEntries(Object.entries(problems).map(([k, p]) => [k, p.count])),
      seconds: options.loadSeconds,
      orders_per_second: options.ordersPerSecond,
    }
    writeFileSync(join(workDir, "result.json"), `${JSON.stringify(line)}\n`)
    process.stdout.write(`${JSON.stringify(line)}\n`)
    return drained && verdict.orders > 0 ? 0 : 1
  } finally {
    await shutdown.run()
  }
}

main().then(
  (code) => process.exit(code),
  (e) => {
    console.error(
      e instanceof PreflightError ? `soak: ${e.message}` : `soak failed: ${e instanceof Error ? e.message : e}`
    )
    process.exit(1)
  }
)
