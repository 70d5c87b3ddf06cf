/**
 * ERP sync throughput: orders per second the hub's sync lane delivers to an
 * ERP that answers in 20 ms, through a connection limited to 10 syncs in
 * flight (so the physical ceiling is 10 / 20 ms = 500 orders/s).
 *
 *   npm run bench:erp-sync
 *
 * A throwaway database (backy_bench_erp_sync) is migrated and filled the way
 * `order.placed` fills it: per order its published document, its hub event and
 * one pending delivery to a NetSuite connection. The ERP sandbox runs in its
 * own process (NetSuite dialect, 20 ms per answer, client assertions verified).
 * The production lane does the work: the BullMQ queue carries one job per
 * order, as the order workflow enqueues it, and the hub's ERP worker
 * (src/modules/erp/lib/sync/erp-worker.ts) claims, pushes through the NetSuite
 * connector and records each outcome in Postgres, on a 10-connection pool like
 * Medusa's. The clock runs from the enqueue until Postgres says every
 * delivery is delivered; a warm-up batch goes first (token, connector, JIT).
 *
 * The last line printed is one JSON object.
 */
import { spawn, type ChildProcess } from "node:child_process"
import { generateKeyPairSync } from "node:crypto"
import { createInterface } from "node:readline"
import { performance } from "node:perf_hooks"
import { join } from "node:path"
import { ModulesSdkUtils } from "@medusajs/framework/utils"
import type { Knex } from "@medusajs/framework/mikro-orm/knex"
import { loadHubConfig } from "../../src/lib/config/env"
import { sealConnectionCredentials } from "../../src/modules/erp/lib/sync/connection-credentials"
import { startErpWorker } from "../../src/modules/erp/lib/sync/erp-worker"
import { configureHubRuntime, hubRuntime } from "../../src/modules/outbox/lib/runtime"
import { benchDatabaseUrl, createBenchDatabase, dropBenchDatabase, round } from "../erp-pull/database"
import { templateDocument } from "../erp-pull/template-document"

const ORDERS = Number(process.env.BENCH_ORDERS ?? 5_000)
const WARMUP_ORDERS = 300
const LATENCY_MS = 20
const CONCURRENCY = 10
const ROOT = join(__dirname, "..", "..")

type SandboxUrls = { url: string; netsuiteBaseUrl: string; netsuiteTokenUrl: string }

function startSandboxProcess(publicKeyPem: string): Promise<{ child: ChildProcess; urls: SandboxUrls }> {
  const child = spawn(
    process.execPath,
    ["-r", "ts-node/register/transpile-only", join(__dirname, "sandbox-process.ts")],
    {
      cwd: ROOT,
      env: { ...process.env, ERP_LATENCY_MS: String(LATENCY_MS), NETSUITE_PUBLIC_KEY: publicKeyPem },
      stdio: ["pipe", "pipe", "inherit"],
    }
  )
  return new Promise((resolve, reject) => {
    child.once("exit", (code) => reject(new Error(`the ERP sandbox exited (${code})`)))
    createInterface({ input: child.stdout! }).once("line", (line) =>
      resolve({ child, urls: JSON.parse(line) as SandboxUrls })
    )
  })
}

async function sandboxState(
  url: string
): Promise<{ orders: number; creates: number; peakInFlight: number; requests: number }> {
  const res = await fetch(`${url}/_sandbox/state?kind=netsuite`)
  const state = (await res.json()) as {
    salesOrders: { externalId: string }[]
    stats: { netsuitePeakInFlight: number; requests: { netsuite: number } }
  }
  return {
    orders: state.salesOrders.length,
    creates: new Set(state.salesOrders.map((o) => o.externalId)).size,
    peakInFlight: state.stats.netsuitePeakInFlight,
    requests: state.stats.requests.netsuite,
  }
}

/** Orders as order.placed leaves them: feed document, hub event, one pending ERP delivery each. */
async function seedOrders(
  pg: Knex,
  connectionId: string,
  prefix: string,
  count: number,
  template: string
): Promise<string[]> {
  const { rows } = await pg.raw(
    `with o as (
       select n, '${prefix}' || lpad(n::text, 7, '0') as order_id from generate_series(1, ?::int) n
     ), feed as (
       insert into erp_order_feed (id, order_id, sales_channel_id, company_id, version, document, created_at, updated_at)
       select 'erpf_' || order_id, order_id, 'sc_bench', 'comp_bench', 1, replace(?, '__ORDER__', order_id)::jsonb,
              now(), clock_timestamp() from o
     ), ev as (
       insert into hub_event (id, type, resource_type, resource_id, sequence, dedupe_key, payload, occurred_at, created_at, updated_at)
       select 'evt_' || order_id, 'order.placed', 'order', order_id, 1, 'order.placed:' || order_id, '{}'::jsonb, now(), now(), now() from o
     )
     insert into delivery (id, event_id, target_type, target_id, status, attempts, next_attempt_at, created_at, updated_at)
     select 'dlv_' || order_id, 'evt_' || order_id, 'erp_connection', ?, 'pending', 0, now(), now(), now() from o
     returning id`,
    [count, template, connectionId]
  )
  return rows.map((r: { id: string }) => r.id)
}

async function waitDelivered(pg: Knex, ids: string[], timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs
  for (;;) {
    const { rows } = await pg.raw(
      "select count(*)::int as open from delivery where id = any(?) and status <> 'delivered'",
      [ids]
    )
    if (rows[0].open === 0) return
    if (Date.now() > deadline) {
      const { rows: sample } = await pg.raw(
        "select status, attempts, last_error from delivery where id = any(?) and status <> 'delivered' limit 3",
        [ids]
      )
      throw new Error(
        `${rows[0].open} deliveries not delivered after ${timeoutMs / 1000} s, e.g. ${JSON.stringify(sample)}`
      )
    }
    await new Promise((r) => setTimeout(r, 25))
  }
}

async function main(): Promise<void> {
  const databaseUrl = benchDatabaseUrl("backy_bench_erp_sync")
  // Read by loadHubConfig below: a queue namespace of this run only.
  process.env.DATABASE_URL = databaseUrl
  process.env.HUB_QUEUE_PREFIX = `backy-bench-erp-sync-${process.pid}`
  console.log(`creating and migrating ${new URL(databaseUrl).pathname.slice(1)} …`)
  await createBenchDatabase(databaseUrl, { ...process.env, MEDUSA_REDIS_MODULES: "false" })

  const { privateKey, publicKey } = generateKeyPairSync("ec", { namedCurve: "P-256" })
  const sandbox = await startSandboxProcess(publicKey.export({ type: "spki", format: "pem" }).toString())
  const pg = ModulesSdkUtils.createPgConnection({
    clientUrl: databaseUrl,
    schema: "public",
    pool: { min: 1, max: 10 },
  }) as unknown as Knex
  let worker: { close(): Promise<void> } | undefined
  try {
    const connectionId = "erpc_bench"
    const credentials = {
      clientId: "backy-bench",
      certificateId: "bench-cert",
      privateKey: privateKey.export({ type: "pkcs8", format: "pem" }).toString(),
    }
    await pg.raw(
      `insert into erp_connection (id, name, kind, settings, credentials_encrypted, enabled, concurrency, created_at, updated_at)
       values (?, 'NetSuite (bench sandbox)', 'netsuite', ?::jsonb, ?, true, ?, now(), now())`,
      [
        connectionId,
        JSON.stringify({
          accountId: "TSTDRV0001",
          baseUrl: sandbox.urls.netsuiteBaseUrl,
          tokenUrl: sandbox.urls.netsuiteTokenUrl,
        }),
        sealConnectionCredentials(connectionId, credentials, loadHubConfig()),
        CONCURRENCY,
      ]
    )
    const template = templateDocument()
    const warmupIds = await seedOrders(pg, connectionId, "order_warm_", WARMUP_ORDERS, template)
    const ids = await seedOrders(pg, connectionId, "order_bench_", ORDERS, template)
    await pg.raw("vacuum analyze delivery, hub_event, erp_order_feed")
    console.log(
      `seeded ${WARMUP_ORDERS} warm-up + ${ORDERS.toLocaleString("en")} orders; ERP sandbox at ${sandbox.urls.url} (${LATENCY_MS} ms per answer)`
    )

    // Configuration is loaded once, here, as medusa-config.ts does for the app.
    const config = loadHubConfig()
    configureHubRuntime(config)
    worker = startErpWorker(pg, config)
    const enqueue = (batch: string[]) =>
      hubRuntime.erp().addBulk(batch.map((id) => ({ name: "sync", data: { ids: [id] } })))
    await enqueue(warmupIds)
    await waitDelivered(pg, warmupIds, 120_000)

    const started = performance.now()
    const cpuBefore = process.cpuUsage()
    await enqueue(ids)
    await waitDelivered(pg, ids, 600_000)
    const seconds = (performance.now() - started) / 1000
    const cpu = process.cpuUsage(cpuBefore)
    const cpuMsPerOrder = (cpu.user + cpu.system) / 1000 / ORDERS
    const perSecond = ORDERS / seconds

    const state = await sandboxState(sandbox.urls.url)
    if (state.creates !== WARMUP_ORDERS + ORDERS || state.orders !== state.creates) {
      throw new Error(
        `the ERP holds ${state.orders} orders for ${state.creates} ids; expected ${WARMUP_ORDERS + ORDERS} created once each`
      )
    }
    // A first attempt that succeeds is kept in the delivery row, not as an attempt row (outbox/lib/delivery-results.ts).
    const { rows: attempts } = await pg.raw(
      `select coalesce(sum(attempts), 0)::int as n,
              (select count(*) from delivery_attempt where delivery_id = any(?))::int as logged
         from delivery where id = any(?)`,
      [ids, ids]
    )
    console.log(
      `${ORDERS.toLocaleString("en")} orders in ${seconds.toFixed(2)} s → ${perSecond.toFixed(0)} orders/s (bar ≥ 250, ceiling ${(CONCURRENCY * 1000) / LATENCY_MS})`
    )
    console.log(
      `hub worker process: ${cpuMsPerOrder.toFixed(2)} ms CPU per order (${(((cpu.user + cpu.system) / 1e6 / seconds) * 100).toFixed(0)} % of a core)`
    )
    console.log(
      `ERP: every order created once; ${state.requests} NetSuite requests in all, peak ${state.peakInFlight} in flight (limit ${CONCURRENCY}); ${attempts[0].n} attempts made, ${attempts[0].logged} of them in attempt rows (the others: first successes)`
    )
    console.log(
      JSON.stringify({
        orders: ORDERS,
        erp_latency_ms: LATENCY_MS,
        concurrency: CONCURRENCY,
        orders_per_s: round(perSecond, 1),
      })
    )
  } finally {
    await worker?.close().catch(() => undefined)
    await hubRuntime
      .erp()
      .obliterate({ force: true })
      .catch(() => undefined)
    await hubRuntime.close()
    await pg.destroy()
    sandbox.child.stdin?.end()
    sandbox.child.kill()
    await dropBenchDatabase(databaseUrl)
  }
}

main().then(
  () => process.exit(0),
  (e) => {
    console.error(`bench:erp-sync failed: ${e instanceof Error ? e.message : String(e)}`)
    process.exit(1)
  }
)
