/**
 * npm run bench:webhooks — partner webhook delivery, end to end, against a
 * naive baseline measured in the same run on the same machine.
 *
 * Ours: events are recorded in Postgres (hub_event + one delivery per
 * subscribed endpoint, in batched transactions, as `insertHubEvents` does for
 * producers), their ids are enqueued on the `first` lane, and the library's
 * workers (integration-tests/helpers/webhook-worker-process.ts: BullMQ lanes,
 * dispatcher, undici sender, the app's WebhookDeliveryStore) claim, sign,
 * POST and record every result in Postgres. A delivery counts once Postgres
 * says `delivered` (event recorded → signed POST acknowledged → durable).
 *
 * Naive: one BullMQ job per delivery doing the same signed POST through an
 * undici keep-alive pool, nothing persisted, at worker concurrency 64 and 256
 * (the one with the better median over the rounds counts). A delivery counts
 * once the receiver has it.
 *
 * pg-boss (the durable peer a Node team would otherwise pick): one Postgres
 * job per delivery doing the same signed POST, completed with the receiver's
 * status as output, retried with backoff, completed jobs kept; inserted with
 * `boss.insert` in batches of 1,000 while its worker runs (pgboss-*.ts), under
 * two fetch settings (the one with the better median counts). A delivery
 * counts once the receiver has it and its job is completed.
 *
 * The receiver (one listener per endpoint) and the workers each run in their
 * own process. Database: backy_bench_webhooks (re-created and migrated with
 * the hub module's migrations). Redis: BENCH_REDIS_URL (default logical
 * database 13), keys under a per-run prefix, deleted at the end.
 *
 * The throughput ratios (ratio_1, ratio_10 against naive; ratio_pgboss_1,
 * ratio_pgboss_10 against pg-boss) and the isolation ratio
 * (healthy_ratio_20pct_dead) are medians over rounds in which the two sides
 * alternate (bench/lib/rounds.ts); the JSON adds each one's min and max.
 *
 * Knobs (env): BENCH_WORKERS (worker processes, default 1), BENCH_ENDPOINT_CONCURRENCY
 * (each endpoint's max_concurrency and sockets per origin, default 128), BENCH_ROUNDS (15),
 * BENCH_EVENTS_1 (events per round, 6000), BENCH_EVENTS_10 (events per endpoint and round, 600),
 * BENCH_DEAD_EVENTS (events per endpoint and dead-endpoint burst, 1000), BENCH_RATE_SECONDS (8),
 * BENCH_DEAD_PAIRS (9), BENCH_DATABASE,
 * BENCH_PG_ADMIN_URL, BENCH_REDIS_URL. For investigation: BENCH_DEBUG=1 (CPU µs per
 * delivery by process), BENCH_ONLY=ours1|ours10|naive1|pgboss1|pgboss10|steady1|steady10|dead10|throughput10|statements
 * (one phase; ours* run BENCH_ROUNDS warm bursts on one lane, pgboss* BENCH_ROUNDS rounds of each
 * BENCH_PGBOSS_SETTINGS, e.g. "100x8,50x16"; throughput10 the interleaved 10-endpoint rounds alone;
 * dead10 the BENCH_DEAD_PAIRS dead/healthy pairs alone;
 * statements Postgres CPU per delivery of each hot-path statement, see statement-cost.ts),
 * BENCH_CHILD_NODE_ARGS (e.g. "--cpu-prof --cpu-prof-dir=/tmp/prof" for the workers).
 *
 * The last line is one JSON object with the figures.
 */
import type { ChildProcess } from "node:child_process"
import { randomUUID } from "node:crypto"
import { readdirSync } from "node:fs"
import path from "node:path"
import { knex, type Knex } from "@medusajs/framework/mikro-orm/knex"
import { Queue } from "bullmq"
import Redis from "ioredis"
import { createWebhookProducer, generateSecret, type WebhookProducer } from "../../webhooks"
import { insertHubEvents, type HubEventInput } from "../../src/modules/outbox/lib/insert-event"
import { sealSecrets } from "../../src/modules/outbox/lib/endpoint-secrets"
import { redisOptions } from "../../src/lib/config/redis-options"
import { loadHubConfig } from "../../src/lib/config/env"
import { bestSetting, interleave, loadSampler, median, roundRatios, type RatioSummary } from "../lib/rounds"
import {
  cpuSnapshot,
  healthyReceived,
  log,
  ReceiverProcess,
  round,
  sleep,
  startProcess,
  stopProcesses,
  waitUntil,
} from "./processes"
import { startPgBoss, type CpuProbe } from "./pgboss-lane"
import { statementCost } from "./statement-cost"

const ROOT = path.resolve(__dirname, "../..")
const DATABASE = process.env.BENCH_DATABASE ?? "backy_bench_webhooks"
const PG_ADMIN_URL = process.env.BENCH_PG_ADMIN_URL ?? "postgres://postgres@localhost:5432/postgres"
const DATABASE_URL = PG_ADMIN_URL.replace(/\/[^/]*$/, `/${DATABASE}`)
const REDIS_URL = process.env.BENCH_REDIS_URL ?? "redis://127.0.0.1:6379/13"
const WORKERS = Number(process.env.BENCH_WORKERS ?? "1")
/** Interleaved rounds behind ratio_1 and ratio_10. */
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? "15")
/** Per round: a few seconds of deliveries per side, well past the ramp-up at a burst's start. */
const EVENTS_1 = Number(process.env.BENCH_EVENTS_1 ?? "6000")
const EVENTS_10 = Number(process.env.BENCH_EVENTS_10 ?? "600")
const DEAD_EVENTS = Number(process.env.BENCH_DEAD_EVENTS ?? "1000")
const RATE_SECONDS = Number(process.env.BENCH_RATE_SECONDS ?? "8")
/** Requests in flight per endpoint (its max_concurrency, shared by every worker process since the limits are cluster-wide) and sockets per origin. */
const ENDPOINT_CONCURRENCY = Number(process.env.BENCH_ENDPOINT_CONCURRENCY ?? "128")
const RUN = randomUUID().slice(0, 8)
const KEY_PREFIX = `bench-wh-${RUN}`
/** Deliveries sent before each measured run (see warmUp). */
const WARMUP_DELIVERIES = 2_000
/** Events per recording transaction in the burst phases. */
const RECORD_BATCH = 500
/** The receiver hangs these endpoints (2 of 10 = 20%) in the dead-endpoint phases. */
const DEAD = [3, 7]
/** All-healthy / 2-hanging pairs behind the isolation ratio (BENCH_DEAD_PAIRS); odd, for a true median. */
const DEAD_PAIRS = Number(process.env.BENCH_DEAD_PAIRS ?? "9")
/** The machine's load, sampled after every round and pair. */
const load = loadSampler()

type Endpoint = { id: string; url: string; secret: string }

// ── database ───────────────────────────────────────────────────────────────

/** Re-creates the bench database and applies the hub module's migrations (their SQL, in order). */
async function prepareDatabase(): Promise<Knex> {
  const admin = knex({ client: "pg", connection: PG_ADMIN_URL })
  await admin.raw(`drop database if exists ${DATABASE} with (force)`)
  await admin.raw(`create database ${DATABASE}`)
  await admin.destroy()
  const pg = knex({ client: "pg", connection: DATABASE_URL, pool: { min: 2, max: 10 } })
  const dir = path.join(ROOT, "src/modules/outbox/migrations")
  for (const file of readdirSync(dir)
    .filter((f) => /^Migration\d+\.ts$/.test(f))
    .sort()) {
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const exported = require(path.join(dir, file)) as Record<string, unknown>
    const MigrationClass = Object.values(exported)[0] as new (...args: unknown[]) => {
      up(): Promise<void>
      getQueries(): string[]
    }
    const migration = new MigrationClass(undefined, undefined)
    await migration.up()
    for (const sql of migration.getQueries()) await pg.raw(sql)
  }
  return pg
}

async function seedEndpoints(pg: Knex, urls: string[]): Promise<Endpoint[]> {
  await pg.raw("truncate webhook_endpoint, hub_event, delivery, delivery_attempt")
  const { encryptionKey } = loadHubConfig()
  const endpoints = urls.map((url, i) => ({ id: `ep_bench_${RUN}_${i}`, url: `${url}/hook`, secret: generateSecret() }))
  // The partner is granted every company and channel: the bench's order events carry no company scope.
  await pg.raw(
    `insert into partner (id, name, client_id, client_secret_hash, grant_sales_channel_ids, grant_company_ids, created_at, updated_at)
     values ('ptn_bench', 'bench', 'ptn_bench_client', 'unused', '{*}', '{}', now(), now())
     on conflict (id) do update set grant_sales_channel_ids = '{*}', grant_company_ids = '{}', deleted_at = null`
  )
  await pg("webhook_endpoint").insert(
    endpoints.map((e) => ({
      id: e.id,
      partner_id: "ptn_bench",
      url: e.url,
      event_types: ["order.placed"],
      // A high-volume partner's receiver, tuned as partners can tune it (the naive baseline runs 64 and 256 at once).
      max_concurrency: ENDPOINT_CONCURRENCY,
      secrets: sealSecrets([{ secret: e.secret, expiresAt: null }], { encryptionKey }, e.id),
      created_at: new Date(),
      updated_at: new Date(),
    }))
  )
  return endpoints
}

/** A realistic order.placed payload (~1.7 KB): the order document the hub sends. */
function orderDocument(i: number) {
  return {
    version: "2026-11-01",
    id: `order_bench_${RUN}_${i}`,
    display_id: 100000 + i,
    status: "pending",
    currency_code: "usd",
    email: "dana@acme.example",
    po_number: `PO-${i}`,
    company_id: "comp_01BENCH",
    company: {
      id: "comp_01BENCH",
      name: "Acme Industrial",
      erp_account_number: "C-1001",
      billing_email: "ap@acme.example",
    },
    contract_id: "ctr_01BENCH",
    sales_channel_id: "sc_01BENCH",
    placed_at: new Date().toISOString(),
    updated_at: new Date().toISOString(),
    canceled_at: null,
    lines: [0, 1, 2].map((l) => ({
      line_id: `ordli_${i}_${l}`,
      sku: ["FAST-KIT-100", "GLOVE-L", "WRAP-500"][l],
      variant_id: `variant_${l}`,
      product_id: `prod_${l}`,
      title: ["Industrial Fastener Kit", "Safety Gloves (pair)", "Pallet Wrap Roll"][l],
      quantity: 10 * (l + 1),
      unit_price_minor: "1000",
      subtotal_minor: String(10000 * (l + 1)),
      discount_minor: "0",
      tax_minor: "0",
      total_minor: String(10000 * (l + 1)),
      contract_rule_id: null,
    })),
    shipping_minor: "1500",
    discount_minor: "0",
    tax_minor: "0",
    total_minor: "61500",
    shipping_address: {
      company: "Acme Industrial",
      first_name: "Dana",
      last_name: "Buyer",
      address_1: "500 Market St",
      address_2: null,
      city: "San Francisco",
      postal_code: "94105",
      province: null,
      country_code: "us",
      phone: null,
    },
    billing_address: null,
  }
}

function eventInput(i: number, phase: string): HubEventInput {
  const order = orderDocument(i)
  return {
    type: "order.placed",
    resource_type: "order",
    resource_id: order.id,
    dedupe_key: `order.placed:${phase}:${order.id}`,
    data: { order },
  }
}

/** Records events in one transaction and hands their deliveries to the first lane; returns the commit time. */
async function record(
  pg: Knex,
  producer: WebhookProducer,
  inputs: HubEventInput[]
): Promise<{ at: number; eventIds: string[] }> {
  const recorded = await pg.transaction((trx) => insertHubEvents(trx, inputs))
  const at = Date.now()
  await producer.enqueue(recorded.flatMap((r) => r.webhook_delivery_ids))
  return { at, eventIds: recorded.map((r) => r.event_id) }
}

async function deliveredCount(pg: Knex, endpointIds?: string[]): Promise<number> {
  const { rows } = endpointIds
    ? await pg.raw(
        "select count(*)::int as n from delivery where status = 'delivered' and target_id = any(?::text[])",
        [endpointIds]
      )
    : await pg.raw("select count(*)::int as n from delivery where status = 'delivered'")
  return rows[0].n
}

/** CPU seconds (user + system) a process has used, from /proc (Linux); 0 elsewhere. */
// ── phases ─────────────────────────────────────────────────────────────────

async function startWorkers(prefix: string): Promise<ChildProcess[]> {
  const env = {
    DATABASE_URL,
    REDIS_URL,
    WORKER_QUEUE_PREFIX: prefix,
    WEBHOOK_ALLOWLIST: "127.0.0.1",
    WORKER_CONCURRENCY: process.env.BENCH_WORKER_CONCURRENCY ?? "8",
    WORKER_MAX_IN_FLIGHT: process.env.BENCH_MAX_IN_FLIGHT ?? "2000",
    WORKER_ENDPOINT_CONCURRENCY: String(ENDPOINT_CONCURRENCY),
    WORKER_CONNECTIONS: String(ENDPOINT_CONCURRENCY),
    WORKER_PG_POOL: process.env.BENCH_WORKER_PG_POOL ?? "10",
  }
  return await Promise.all(
    Array.from({ length: WORKERS }, () => startProcess("integration-tests/helpers/webhook-worker-process.ts", env))
  )
}

/**
 * Not measured: the first deliveries of a fresh worker pay for JIT
 * compilation and for opening its pools (Postgres, Redis, one socket per
 * concurrent request), which a running hub has long done. The naive baseline
 * gets the same warm-up. Dead endpoints start hanging only after it.
 */
async function warmUp(
  pg: Knex,
  receiver: ReceiverProcess,
  producer: WebhookProducer,
  endpoints: Endpoint[],
  phase: string,
  dead: number[]
) {
  const events = Math.ceil(WARMUP_DELIVERIES / endpoints.length)
  for (let i = 0; i < events; i += RECORD_BATCH) {
    await record(
      pg,
      producer,
      Array.from({ length: Math.min(RECORD_BATCH, events - i) }, (_, k) =>
        eventInput(1_000_000_000 + i + k, `${phase}-warm-up`)
      )
    )
  }
  await waitUntil(async () => (await deliveredCount(pg)) >= events * endpoints.length, 120_000, `${phase}: warm-up`, 50)
  await clearDeliveries(pg, receiver)
  if (dead.length) await receiver.ask({ cmd: "hang", indexes: dead })
}

/** A measured run starts from the same (empty) tables as without warm-up, and a receiver with nothing counted. */
async function clearDeliveries(pg: Knex, receiver: ReceiverProcess) {
  await pg.raw("truncate hub_event, delivery, delivery_attempt")
  await receiver.ask({ cmd: "clear" })
}

type Lane = { workers: ChildProcess[]; producer: WebhookProducer }

/** Worker process(es) and a producer on a queue prefix of their own, warmed up (see warmUp). */
async function startLane(
  pg: Knex,
  receiver: ReceiverProcess,
  endpoints: Endpoint[],
  phase: string,
  dead: number[] = []
): Promise<Lane> {
  const prefix = `${KEY_PREFIX}-${phase}`
  const workers = await startWorkers(prefix)
  const producer = createWebhookProducer({ connection: redisOptions(REDIS_URL), prefix })
  await warmUp(pg, receiver, producer, endpoints, phase, dead)
  return { workers, producer }
}

async function stopLane(lane: Lane) {
  await stopProcesses(lane.workers)
  await lane.producer.close()
}

/** One burst on a lane of its own: requests to hanging endpoints must not outlive their burst. */
async function burst(
  pg: Knex,
  receiver: ReceiverProcess,
  endpoints: Endpoint[],
  events: number,
  phase: string,
  dead: number[] = []
) {
  const lane = await startLane(pg, receiver, endpoints, phase, dead)
  try {
    return await measureBurst(pg, receiver, lane, endpoints, events, phase, dead)
  } finally {
    await stopLane(lane)
  }
}

/** Records `events` events as fast as possible; returns healthy deliveries per second, end to end and durable. */
async function measureBurst(
  pg: Knex,
  receiver: ReceiverProcess,
  { workers, producer }: Lane,
  endpoints: Endpoint[],
  events: number,
  phase: string,
  dead: number[] = []
) {
  const healthy = endpoints.filter((_, i) => !dead.includes(i)).map((e) => e.id)
  const expected = events * healthy.length
  const pids = { workers: workers.map((w) => w.pid!), receiver: [receiver.child.pid!] }
  // The app has its events' data at hand when it records them, as pg-boss's and the naive
  // baseline's jobs are built before their clocks start: building them is not the hub's work.
  const batches = []
  for (let i = 0; i < events; i += RECORD_BATCH)
    batches.push(Array.from({ length: Math.min(RECORD_BATCH, events - i) }, (_, k) => eventInput(i + k, phase)))
  const cpuBefore = process.env.BENCH_DEBUG ? await cpuSnapshot(pg, DATABASE, pids) : {}
  const started = Date.now()
  // Two producers at once, as two app processes would record.
  let recordedAfter = 0
  const recording = (async () => {
    const queue = [...batches]
    await Promise.all(
      [0, 1].map(async () => {
        for (let batch = queue.shift(); batch; batch = queue.shift()) await record(pg, producer, batch)
      })
    )
    recordedAfter = Date.now()
  })()
  // The receiver's count is cheap to poll; Postgres (durable) is checked once the receiver has everything.
  await waitUntil(
    async () => (await healthyReceived(receiver, dead)) >= expected,
    600_000,
    `${phase}: ${expected} requests`,
    25
  )
  await waitUntil(
    async () => (await deliveredCount(pg, dead.length ? healthy : undefined)) >= expected,
    600_000,
    `${phase}: ${expected} deliveries`,
    10
  )
  const seconds = (Date.now() - started) / 1000
  await recording
  if (process.env.BENCH_DEBUG) {
    const cpuAfter = await cpuSnapshot(pg, DATABASE, pids)
    const per = Object.entries(cpuAfter).map(([k, v]) => `${k} ${round(((v - (cpuBefore[k] ?? 0)) * 1e6) / expected)}`)
    log(
      `  ${phase}: recorded ${events} events in ${recordedAfter - started} ms; CPU µs per delivery: ${per.join(", ")}`
    )
  }
  const receipts = (await receiver.ask<{ receipts: [string, number][] }>({ cmd: "receipts" })).receipts
  return { perSecond: expected / seconds, seconds, receipts: receipts.length, expected }
}

/**
 * Records events at a steady `deliveriesPerSecond` (spread over the
 * endpoints) for RATE_SECONDS; latency = receiver's arrival time − the
 * commit time of the event, over healthy deliveries.
 */
async function steady(
  pg: Knex,
  receiver: ReceiverProcess,
  endpoints: Endpoint[],
  deliveriesPerSecond: number,
  phase: string,
  dead: number[] = []
) {
  const prefix = `${KEY_PREFIX}-${phase}`
  const workers = await startWorkers(prefix)
  const producer = createWebhookProducer({ connection: redisOptions(REDIS_URL), prefix })
  await warmUp(pg, receiver, producer, endpoints, phase, dead)
  const healthyCount = endpoints.length - dead.length
  const eventsPerSecond = deliveriesPerSecond / endpoints.length
  const committedAt = new Map<string, number>()
  const tickMs = 20
  const started = Date.now()
  let recorded = 0
  const inFlight: Promise<void>[] = []
  while (Date.now() - started < RATE_SECONDS * 1000) {
    const due = Math.floor(((Date.now() - started) / 1000) * eventsPerSecond) - recorded
    if (due > 0) {
      const inputs = Array.from({ length: due }, (_, k) => eventInput(recorded + k, phase))
      recorded += due
      inFlight.push(
        record(pg, producer, inputs).then(({ at, eventIds }) => {
          for (const id of eventIds) committedAt.set(id, at)
        })
      )
    }
    await sleep(tickMs)
  }
  await Promise.all(inFlight)
  const healthy = endpoints.filter((_, i) => !dead.includes(i)).map((e) => e.id)
  await waitUntil(
    async () => (await healthyReceived(receiver, dead)) >= recorded * healthyCount,
    120_000,
    `${phase}: steady requests`,
    50
  )
  await waitUntil(
    async () => (await deliveredCount(pg, dead.length ? healthy : undefined)) >= recorded * healthyCount,
    120_000,
    `${phase}: steady deliveries`,
    50
  )
  const { receipts } = await receiver.ask<{ receipts: [string, number][] }>({ cmd: "receipts" })
  await stopProcesses(workers)
  await producer.close()
  const latencies: number[] = []
  const seen = new Set<string>()
  for (const [id, at] of receipts) {
    const t0 = committedAt.get(id)
    if (t0 === undefined) continue
    latencies.push(Math.max(0, at - t0))
    seen.add(id)
  }
  if (process.env.BENCH_DEBUG) {
    // Latency over time (by commit second): growth means the offered rate exceeds capacity.
    const bySecond = new Map<number, number[]>()
    for (const [id, at] of receipts) {
      const t0 = committedAt.get(id)
      if (t0 === undefined) continue
      const second = Math.floor((t0 - started) / 1000)
      bySecond.set(second, [...(bySecond.get(second) ?? []), at - t0])
    }
    log(
      `  ${phase}: median latency per second: ${[...bySecond]
        .sort((a, b) => a[0] - b[0])
        .map(([, l]) => l.sort((a, b) => a - b)[Math.floor(l.length / 2)])
        .join(" ")}`
    )
  }
  latencies.sort((a, b) => a - b)
  const pct = (p: number) => latencies[Math.min(latencies.length - 1, Math.floor((p / 100) * latencies.length))] ?? NaN
  return { p50: pct(50), p99: pct(99), samples: latencies.length, offered: deliveriesPerSecond }
}

type NaiveResult = { perSecond: number; c64: number; c256: number }
type NaiveLane = { concurrency: number; worker: ChildProcess; queue: Queue }

/**
 * The baseline: one BullMQ job per delivery, at worker concurrency 64 and 256
 * (one worker process each, started and warmed up once). measure() sends
 * `deliveries` through each; throughputRounds keeps the better setting.
 */
async function startNaive(receiver: ReceiverProcess, endpoints: Endpoint[], deliveries: number, phase: string) {
  const jobs = naiveJobs(endpoints, deliveries, phase)
  const lanes: NaiveLane[] = []
  for (const concurrency of [64, 256]) {
    const prefix = `${KEY_PREFIX}-${phase}-c${concurrency}`
    const worker = await startProcess("bench/webhooks/naive-worker.ts", {
      REDIS_URL,
      NAIVE_PREFIX: prefix,
      NAIVE_CONCURRENCY: String(concurrency),
    })
    const queue = new Queue("deliver", { connection: redisOptions(REDIS_URL), prefix })
    lanes.push({ concurrency, worker, queue })
    // The same warm-up as ours (see warmUp).
    const warm = jobs.slice(0, WARMUP_DELIVERIES).map((j) => ({ ...j, data: { ...j.data, id: `${j.data.id}_warm` } }))
    await receiver.ask({ cmd: "clear" })
    await queue.addBulk(warm)
    await waitUntil(async () => (await receiver.count()) >= warm.length, 120_000, `naive ${phase}: warm-up`, 50)
  }
  const measureLane = async ({ concurrency, worker, queue }: NaiveLane): Promise<number> => {
    await receiver.ask({ cmd: "clear" })
    const pids = { workers: [worker.pid!], receiver: [receiver.child.pid!] }
    const cpuBefore = process.env.BENCH_DEBUG ? await cpuSnapshot(undefined, DATABASE, pids) : {}
    const started = Date.now()
    for (let i = 0; i < jobs.length; i += 1000) await queue.addBulk(jobs.slice(i, i + 1000))
    await waitUntil(async () => (await receiver.count()) >= deliveries, 600_000, `naive ${phase} c${concurrency}`, 50)
    const perSecond = deliveries / ((Date.now() - started) / 1000)
    if (process.env.BENCH_DEBUG) {
      const cpuAfter = await cpuSnapshot(undefined, DATABASE, pids)
      const per = Object.entries(cpuAfter).map(
        ([k, v]) => `${k} ${round(((v - (cpuBefore[k] ?? 0)) * 1e6) / deliveries)}`
      )
      log(`  naive ${phase} c${concurrency}: ${round(perSecond)}/s; CPU µs per delivery: ${per.join(", ")}`)
    }
    return perSecond
  }
  return {
    async measure(): Promise<NaiveResult> {
      const [c64, c256] = [await measureLane(lanes[0]!), await measureLane(lanes[1]!)]
      return { perSecond: Math.max(c64, c256), c64, c256 }
    },
    async stop() {
      await Promise.all(lanes.map((lane) => lane.queue.close()))
      await stopProcesses(lanes.map((lane) => lane.worker))
    },
  }
}

/** The naive jobs: the same signed order.placed POSTs, round robin over the endpoints. */
function naiveJobs(endpoints: Endpoint[], deliveries: number, phase: string) {
  const body = (i: number) =>
    JSON.stringify({
      id: `evt_naive_${i}`,
      type: "order.placed",
      version: 1,
      occurred_at: new Date().toISOString(),
      sequence: 1,
      resource: { type: "order", id: `order_${i}` },
      data: { order: orderDocument(i) },
    })
  return Array.from({ length: deliveries }, (_, i) => {
    const endpoint = endpoints[i % endpoints.length]
    const event = Math.floor(i / endpoints.length)
    return {
      name: "deliver",
      data: { id: `evt_naive_${phase}_${event}`, url: endpoint.url, body: body(event), secret: endpoint.secret },
      opts: { removeOnComplete: true, attempts: 3 },
    }
  })
}

/**
 * ratio_1 / ratio_10 (and ratio_pgboss_*): ROUNDS rounds, each one burst of
 * ours and one of each baseline (naive BullMQ, pg-boss), ours first in even
 * rounds and last in odd ones (bench/lib/rounds.ts). Every side starts and
 * warms up its processes once, which then wait idle through the others'
 * bursts; ours starts each burst from empty tables, as after its warm-up,
 * and pg-boss from an empty queue.
 */
async function throughputRounds(pg: Knex, receiver: ReceiverProcess, endpoints: Endpoint[], events: number) {
  const label = String(endpoints.length)
  const deliveries = events * endpoints.length
  const lane = await startLane(pg, receiver, endpoints, `ours${label}`)
  const naive = await startNaive(receiver, endpoints, deliveries, `naive${label}`)
  const pgboss = await startPgBossLanes(pg, receiver, endpoints, deliveries)
  try {
    const rounds = await interleave(
      ROUNDS,
      {
        ours: async (r) => {
          await clearDeliveries(pg, receiver)
          return await measureBurst(pg, receiver, lane, endpoints, events, `ours${label}-${r}`)
        },
        baseline: async () => ({ naive: await naive.measure(), pgboss: await pgboss.measure() }),
      },
      (r, ours, base) => {
        load.sample()
        const settings = Object.entries(base.pgboss.each)
          .map(([setting, perSecond]) => `${setting}: ${round(perSecond)}`)
          .join(", ")
        log(
          `  round ${r + 1}/${ROUNDS}, ${label} endpoint(s): backy ${round(ours.perSecond)}/s, naive ${round(base.naive.perSecond)}/s (concurrency 64: ${round(base.naive.c64)}, 256: ${round(base.naive.c256)}) → ${round(ours.perSecond / base.naive.perSecond, 2)}×, pg-boss ${round(base.pgboss.perSecond)}/s (batch x loops ${settings}) → ${round(ours.perSecond / base.pgboss.perSecond, 2)}×`
        )
      }
    )
    for (const r of rounds.ours)
      if (r.receipts !== r.expected) log(`  note: the receiver saw ${r.receipts} requests for ${r.expected} deliveries`)
    const ours = rounds.ours.map((r) => r.perSecond)
    // Each baseline at its best setting over the rounds (see bestSetting); the old figure (each
    // round's best sample) is logged beside it, for comparison with earlier runs.
    const naiveBest = bestSetting(
      rounds.baseline.map((r) => ({ "concurrency 64": r.naive.c64, "concurrency 256": r.naive.c256 }))
    )
    const pgbossBest = bestSetting(rounds.baseline.map((r) => r.pgboss.each))
    const naiveRounds = naiveBest.values
    const pgbossRounds = pgbossBest.values
    const naiveEachBest = rounds.baseline.map((r) => r.naive.perSecond)
    const pgbossEachBest = rounds.baseline.map((r) => r.pgboss.perSecond)
    log(
      `  ${label} endpoint(s): naive at ${naiveBest.setting} ${round(median(naiveRounds))}/s (each round's better sample: ${round(median(naiveEachBest))}/s); ` +
        `pg-boss at ${pgbossBest.setting} ${round(median(pgbossRounds))}/s (each round's best sample: ${round(median(pgbossEachBest))}/s, ` +
        `ratio ${round(roundRatios(ours, pgbossEachBest).median, 2)}×)`
    )
    return {
      ours: median(ours),
      naive: median(naiveRounds),
      ratio: roundRatios(ours, naiveRounds),
      pgboss: median(pgbossRounds),
      ratioPgboss: roundRatios(ours, pgbossRounds),
    }
  } finally {
    await pgboss.stop()
    await naive.stop()
    await stopLane(lane)
  }
}

/** pg-boss lanes sending `deliveries` of the naive baseline's signed POSTs, round robin over `endpoints`. */
function startPgBossLanes(pg: Knex, receiver: ReceiverProcess, endpoints: Endpoint[], deliveries: number) {
  const phase = `pgboss${endpoints.length}`
  return startPgBoss({
    pg,
    databaseUrl: DATABASE_URL,
    receiver,
    jobs: naiveJobs(endpoints, deliveries, phase).map((job) => job.data),
    warmUp: WARMUP_DELIVERIES,
    connections: ENDPOINT_CONCURRENCY,
    phase,
    probe: process.env.BENCH_DEBUG ? cpuProbe(pg) : undefined,
  })
}

/** BENCH_DEBUG: CPU µs per delivery by process around one baseline burst. */
function cpuProbe(pg: Knex): CpuProbe {
  return async (pids, deliveries, label) => {
    const before = await cpuSnapshot(pg, DATABASE, pids)
    return async () => {
      const after = await cpuSnapshot(pg, DATABASE, pids)
      const per = Object.entries(after).map(([k, v]) => `${k} ${round(((v - (before[k] ?? 0)) * 1e6) / deliveries)}`)
      log(`  ${label}: CPU µs per delivery: ${per.join(", ")}`)
    }
  }
}

/**
 * healthy_ratio_20pct_dead: DEAD_PAIRS pairs of bursts over 10 endpoints, 2
 * of them hanging and all healthy, alternating (bench/lib/rounds.ts); the
 * median of the pairs' ratios. Each burst has fresh workers (see burst).
 */
async function deadEndpointPairs(pg: Knex, receiver: ReceiverProcess, endpoints: Endpoint[]) {
  const once = async (phase: string, dead: number[]) => {
    await seedEndpoints(pg, receiver.urls)
    const { perSecond } = await burst(pg, receiver, endpoints, DEAD_EVENTS, phase, dead)
    if (dead.length) await receiver.ask({ cmd: "heal" })
    return perSecond
  }
  const pairs = await interleave(
    DEAD_PAIRS,
    { ours: (pair) => once(`dead10-${pair}`, DEAD), baseline: (pair) => once(`healthy10-${pair}`, []) },
    load.sample
  )
  return { dead: pairs.ours, healthy: pairs.baseline, ratio: roundRatios(pairs.ours, pairs.baseline) }
}

/** "1.02× (median of 5 rounds: 0.97–1.10)" */
function ratioLine({ median, min, max, each }: RatioSummary): string {
  return `${round(median, 2)}× (median of ${each.length} rounds: ${round(min, 2)}–${round(max, 2)})`
}

async function deleteKeys() {
  const redis = new Redis(REDIS_URL)
  let cursor = "0"
  do {
    const [next, keys] = await redis.scan(cursor, "MATCH", `${KEY_PREFIX}*`, "COUNT", 1000)
    cursor = next
    if (keys.length) await redis.del(...keys)
  } while (cursor !== "0")
  await redis.quit()
}

// ── main ───────────────────────────────────────────────────────────────────

async function main() {
  log(
    `webhook delivery benchmark — ${WORKERS} worker process(es), receiver in its own process, Postgres ${DATABASE}, Redis ${REDIS_URL}`
  )
  const pg = await prepareDatabase()
  const receiver = await ReceiverProcess.start(10)
  try {
    if (process.env.BENCH_ONLY === "dead10") {
      // The full run's pairs alone (BENCH_DEAD_PAIRS of them).
      const dead = await deadEndpointPairs(pg, receiver, await seedEndpoints(pg, receiver.urls))
      log(
        `dead10: healthy ${dead.dead.map((n) => round(n)).join(" / ")} vs ${dead.healthy.map((n) => round(n)).join(" / ")} all healthy → ${ratioLine(dead.ratio)}`
      )
      return
    }
    if (process.env.BENCH_ONLY === "steady1") {
      const one = await seedEndpoints(pg, receiver.urls.slice(0, 1))
      const r = await steady(pg, receiver, one, Number(process.env.BENCH_RATE ?? "900"), "steady1")
      log(`steady 1 endpoint: p50 ${r.p50} ms, p99 ${r.p99} ms (${r.samples} samples)`)
      return
    }
    if (process.env.BENCH_ONLY === "steady10") {
      const ten = await seedEndpoints(pg, receiver.urls)
      const r = await steady(pg, receiver, ten, Number(process.env.BENCH_RATE ?? "1000"), "steady10")
      log(`steady 10 endpoints: p50 ${r.p50} ms, p99 ${r.p99} ms (${r.samples} samples)`)
      return
    }
    if (process.env.BENCH_ONLY === "naive1") {
      const one = await seedEndpoints(pg, receiver.urls.slice(0, 1))
      const naive1 = await startNaive(receiver, one, EVENTS_1, "naive1")
      const { perSecond, c64, c256 } = await naive1.measure()
      await naive1.stop()
      log(`naive, 1 endpoint: ${round(perSecond)} deliveries/s (concurrency 64: ${round(c64)}, 256: ${round(c256)})`)
      return
    }
    if (process.env.BENCH_ONLY === "pgboss1" || process.env.BENCH_ONLY === "pgboss10") {
      const count = process.env.BENCH_ONLY === "pgboss1" ? 1 : 10
      const targets = await seedEndpoints(pg, receiver.urls.slice(0, count))
      const deliveries = (count === 1 ? EVENTS_1 : EVENTS_10) * count
      const pgboss = await startPgBossLanes(pg, receiver, targets, deliveries)
      try {
        for (let r = 0; r < ROUNDS; r++) {
          const { each } = await pgboss.measure()
          log(
            `pg-boss, ${count} endpoint(s), round ${r + 1}: ${Object.entries(each)
              .map(([k, v]) => `${k} ${round(v)}/s`)
              .join(", ")}`
          )
        }
      } finally {
        await pgboss.stop()
      }
      return
    }
    if (process.env.BENCH_ONLY === "ours1" || process.env.BENCH_ONLY === "ours10") {
      const count = process.env.BENCH_ONLY === "ours1" ? 1 : 10
      const targets = await seedEndpoints(pg, receiver.urls.slice(0, count))
      const lane = await startLane(pg, receiver, targets, `ours${count}`)
      try {
        for (let r = 0; r < ROUNDS; r++) {
          await clearDeliveries(pg, receiver)
          const { perSecond } = await measureBurst(
            pg,
            receiver,
            lane,
            targets,
            count === 1 ? EVENTS_1 : EVENTS_10,
            `ours${count}-${r}`
          )
          log(`backy, ${count} endpoint(s), round ${r + 1}: ${round(perSecond)} deliveries/s`)
        }
      } finally {
        await stopLane(lane)
      }
      return
    }
    if (process.env.BENCH_ONLY === "statements") {
      await seedEndpoints(pg, receiver.urls)
      const cost = await statementCost({ databaseUrl: DATABASE_URL, eventInput, events: EVENTS_10, rounds: ROUNDS })
      log(
        `Postgres CPU µs per delivery, 10 endpoints, ${ROUNDS} rounds of ${EVENTS_10} events: ` +
          `record ${round(cost.record, 1)}, claim ${round(cost.claim, 1)}, result ${round(cost.result, 1)}`
      )
      return
    }
    if (process.env.BENCH_ONLY === "throughput10") {
      const ten = await seedEndpoints(pg, receiver.urls)
      const t10 = await throughputRounds(pg, receiver, ten, EVENTS_10)
      log(`10 endpoints: ${round(t10.ours)}/s vs pg-boss ${round(t10.pgboss)}/s → ${ratioLine(t10.ratioPgboss)}`)
      return
    }
    // 1 endpoint, then 10
    const one = await seedEndpoints(pg, receiver.urls.slice(0, 1))
    const t1 = await throughputRounds(pg, receiver, one, EVENTS_1)
    log(
      `backy, 1 endpoint:   ${round(t1.ours)} deliveries/s (durable) vs naive ${round(t1.naive)}/s → ${ratioLine(t1.ratio)} (bar 1.5×)`
    )
    log(`                     vs pg-boss ${round(t1.pgboss)}/s → ${ratioLine(t1.ratioPgboss)} (bar 1.0×)`)
    const ten = await seedEndpoints(pg, receiver.urls)
    const t10 = await throughputRounds(pg, receiver, ten, EVENTS_10)
    log(
      `backy, 10 endpoints: ${round(t10.ours)} deliveries/s (durable) vs naive ${round(t10.naive)}/s → ${ratioLine(t10.ratio)} (bar 2×)`
    )
    log(`                     vs pg-boss ${round(t10.pgboss)}/s → ${ratioLine(t10.ratioPgboss)} (bar 1.5×)`)

    // latency at half the peak rate, 1 endpoint
    await seedEndpoints(pg, receiver.urls.slice(0, 1))
    const latency = await steady(pg, receiver, one, t1.ours / 2, "latency1")
    log(
      `latency at ${round(latency.offered)} deliveries/s (half the 1-endpoint peak), ${latency.samples} samples: p50 ${latency.p50} ms, p99 ${latency.p99} ms (event committed → receiver has it)`
    )

    // 20 % of endpoints hang until timeout.
    const dead = await deadEndpointPairs(pg, receiver, ten)
    log(
      `backy, 10 endpoints, 2 hanging: healthy ${dead.dead.map((n) => round(n)).join(" / ")} deliveries/s vs ${dead.healthy.map((n) => round(n)).join(" / ")} all healthy → ${ratioLine(dead.ratio)} (bar 0.9×)`
    )
    await seedEndpoints(pg, receiver.urls)
    const healthySteady = await steady(pg, receiver, ten, t10.ours / 2, "steady10")
    await seedEndpoints(pg, receiver.urls)
    const deadSteady = await steady(pg, receiver, ten, t10.ours / 2, "steady10dead", DEAD)
    await receiver.ask({ cmd: "heal" })
    log(
      `healthy-endpoint latency at ${round(deadSteady.offered)} deliveries/s over 10 endpoints: p99 ${healthySteady.p99} ms all healthy, ${deadSteady.p99} ms with 2 hanging (p50 ${healthySteady.p50} / ${deadSteady.p50} ms)`
    )

    const bars = {
      ratio_1: t1.ratio.median >= 1.5,
      ratio_10: t10.ratio.median >= 2,
      ratio_pgboss_1: t1.ratioPgboss.median >= 1,
      ratio_pgboss_10: t10.ratioPgboss.median >= 1.5,
      p99_ms: latency.p99 <= 50,
      healthy_ratio_20pct_dead: dead.ratio.median >= 0.9,
    }
    const missed = Object.entries(bars)
      .filter(([, ok]) => !ok)
      .map(([k]) => k)
    log(missed.length ? `BARS MISSED: ${missed.join(", ")}` : "all bars met")
    const busy = load.note()
    if (busy) log(busy)
    log(
      JSON.stringify({
        per_s_1: round(t1.ours),
        naive_per_s_1: round(t1.naive),
        ratio_1: round(t1.ratio.median, 2),
        per_s_10: round(t10.ours),
        naive_per_s_10: round(t10.naive),
        ratio_10: round(t10.ratio.median, 2),
        pgboss_per_s_1: round(t1.pgboss),
        pgboss_per_s_10: round(t10.pgboss),
        ratio_pgboss_1: round(t1.ratioPgboss.median, 2),
        ratio_pgboss_10: round(t10.ratioPgboss.median, 2),
        p50_ms: latency.p50,
        p99_ms: latency.p99,
        healthy_ratio_20pct_dead: round(dead.ratio.median, 2),
        healthy_p99_ms_20pct_dead: deadSteady.p99,
        rounds: ROUNDS,
        ratio_1_min: round(t1.ratio.min, 2),
        ratio_1_max: round(t1.ratio.max, 2),
        ratio_10_min: round(t10.ratio.min, 2),
        ratio_10_max: round(t10.ratio.max, 2),
        ratio_pgboss_1_min: round(t1.ratioPgboss.min, 2),
        ratio_pgboss_1_max: round(t1.ratioPgboss.max, 2),
        ratio_pgboss_10_min: round(t10.ratioPgboss.min, 2),
        ratio_pgboss_10_max: round(t10.ratioPgboss.max, 2),
        dead_pairs: DEAD_PAIRS,
        healthy_ratio_20pct_dead_min: round(dead.ratio.min, 2),
        healthy_ratio_20pct_dead_max: round(dead.ratio.max, 2),
        load_avg_1m: load.median(),
      })
    )
  } finally {
    await receiver.ask({ cmd: "stop" }).catch(() => undefined)
    await pg.destroy()
    await deleteKeys()
  }
}

main().then(
  () => process.exit(0),
  (e) => {
    process.stderr.write(`bench:webhooks failed: ${(e as Error).stack ?? e}\n`)
    process.exit(1)
  }
)
