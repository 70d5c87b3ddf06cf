/**
 * The pg-boss baseline's lanes: one worker process per fetch setting (see
 * pgboss-settings.ts), each on a queue of its own, started and warmed up
 * once. measure() sends the same deliveries through each, inserted with
 * `boss.insert` in batches of 1,000 while the worker runs, and counts the
 * best. The clock stops when the receiver has every delivery and Postgres
 * says every job is completed (durable, as ours counts `delivered` rows).
 */
import type { ChildProcess } from "node:child_process"
import type { Knex } from "@medusajs/framework/mikro-orm/knex"
import type { PgBoss as PgBossInstance } from "pg-boss" with { "resolution-mode": "import" }
import { PGBOSS_WORK_SETTINGS, type PgBossJob } from "./pgboss-settings"
import { type ReceiverProcess, startProcess, stopProcesses, waitUntil } from "./processes"

const INSERT_BATCH = 1_000
const SCHEMA = "pgboss"

type Lane = { label: string; queue: string; worker: ChildProcess }
export type PgBossResult = { perSecond: number; each: Record<string, number> }
/** BENCH_DEBUG's CPU accounting around one measured burst. */
export type CpuProbe = (
  pids: Record<string, number[]>,
  deliveries: number,
  label: string
) => Promise<() => Promise<void>>

export async function startPgBoss(options: {
  pg: Knex
  databaseUrl: string
  receiver: ReceiverProcess
  jobs: PgBossJob[]
  warmUp: number
  connections: number
  phase: string
  probe?: CpuProbe
}) {
  const { pg, databaseUrl, receiver, jobs, phase, probe } = options
  const { PgBoss } = await import("pg-boss")
  const lanes: Lane[] = []
  for (const { batchSize, localConcurrency } of PGBOSS_WORK_SETTINGS) {
    const label = `${batchSize}x${localConcurrency}`
    const queue = `${phase}-${label}`
    const worker = await startProcess("bench/webhooks/pgboss-worker.ts", {
      DATABASE_URL: databaseUrl,
      PGBOSS_SCHEMA: SCHEMA,
      PGBOSS_QUEUE: queue,
      PGBOSS_BATCH: String(batchSize),
      PGBOSS_LOCAL_CONCURRENCY: String(localConcurrency),
      PGBOSS_POOL: "20",
      PGBOSS_CONNECTIONS: String(options.connections),
    })
    lanes.push({ label, queue, worker })
  }
  // The producer: an app process inserting jobs (it runs no workers and no maintenance).
  const boss: PgBossInstance = new PgBoss({
    connectionString: databaseUrl,
    schema: SCHEMA,
    max: 4,
    supervise: false,
    schedule: false,
  })
  boss.on("error", () => undefined)
  await boss.start()

  const completed = async (queue: string): Promise<number> => {
    const { rows } = await pg.raw(
      `select count(*)::int as n from ${SCHEMA}.job where name = ? and state = 'completed'`,
      [queue]
    )
    return rows[0].n
  }
  const send = async (lane: Lane, batch: PgBossJob[]): Promise<number> => {
    await boss.deleteAllJobs(lane.queue)
    // Ours starts each round from truncated tables; pg-boss gets the same clean start
    // (its DELETE leaves dead rows that would slow later rounds).
    await pg.raw(`vacuum ${SCHEMA}.job`)
    await receiver.ask({ cmd: "clear" })
    const started = Date.now()
    for (let i = 0; i < batch.length; i += INSERT_BATCH)
      await boss.insert(
        lane.queue,
        batch.slice(i, i + INSERT_BATCH).map((data) => ({ data }))
      )
    await waitUntil(async () => (await receiver.count()) >= batch.length, 600_000, `pg-boss ${lane.queue}`, 25)
    await waitUntil(
      async () => (await completed(lane.queue)) >= batch.length,
      600_000,
      `pg-boss ${lane.queue} completed`,
      10
    )
    return batch.length / ((Date.now() - started) / 1000)
  }
  // The same warm-up as ours and the naive baseline's.
  for (const lane of lanes) {
    await send(
      lane,
      jobs.slice(0, options.warmUp).map((j) => ({ ...j, id: `${j.id}_warm` }))
    )
  }

  return {
    settings: lanes.map((l) => l.label),
    async measure(): Promise<PgBossResult> {
      const each: Record<string, number> = {}
      for (const lane of lanes) {
        const done = await probe?.(
          { workers: [lane.worker.pid!], receiver: [receiver.child.pid!] },
          jobs.length,
          `pg-boss ${phase} ${lane.label}`
        )
        each[lane.label] = await send(lane, jobs)
        await done?.()
      }
      return { perSecond: Math.max(...Object.values(each)), each }
    },
    async stop() {
      await boss.stop({ graceful: false })
      await stopProcesses(lanes.map((l) => l.worker))
    },
  }
}
