/**
 * The durable peer the benchmark compares against: pg-boss 12, the Postgres
 * job queue a Node team would otherwise pick. One job per delivery; each job
 * does the same signed POST (Standard Webhooks HMAC) through an undici
 * keep-alive pool, and is completed with the receiver's HTTP status as its
 * output (a failed POST fails the job, retried with backoff). Completed jobs
 * are kept. Runs in its own process, as a queue's workers would.
 *
 * Environment: DATABASE_URL, PGBOSS_SCHEMA, PGBOSS_QUEUE, PGBOSS_BATCH (jobs
 * per fetch), PGBOSS_LOCAL_CONCURRENCY (fetch loops), PGBOSS_POOL (Postgres
 * connections), PGBOSS_CONNECTIONS (sockets per origin).
 */
import type { JobResult, PgBoss as PgBossInstance } from "pg-boss" with { "resolution-mode": "import" }
import { Agent } from "undici"
import { PGBOSS_QUEUE_OPTIONS, type PgBossJob } from "./pgboss-settings"
import { signedPost } from "./signed-post"

const int = (name: string, fallback: number) => Number(process.env[name] ?? String(fallback))

async function main() {
  // pg-boss is an ES module; TypeScript (module Node16) keeps this a real import().
  const { PgBoss } = await import("pg-boss")
  const queue = process.env.PGBOSS_QUEUE ?? "deliver"
  const agent = new Agent({ connections: int("PGBOSS_CONNECTIONS", 128), pipelining: 1, keepAliveTimeout: 30_000 })
  const boss: PgBossInstance = new PgBoss({
    connectionString: process.env.DATABASE_URL!,
    schema: process.env.PGBOSS_SCHEMA ?? "pgboss",
    max: int("PGBOSS_POOL", 20),
    useListenNotify: true,
  })
  boss.on("error", (error) => process.stderr.write(`pg-boss: ${error.message}\n`))
  await boss.start()
  await boss.createQueue(queue, PGBOSS_QUEUE_OPTIONS)

  await boss.work<
    PgBossJob,
    unknown,
    { batchSize: number; localConcurrency: number; burstWhenBatchFull: true; perJobResults: true }
  >(
    queue,
    {
      batchSize: int("PGBOSS_BATCH", 100),
      localConcurrency: int("PGBOSS_LOCAL_CONCURRENCY", 8),
      burstWhenBatchFull: true,
      perJobResults: true,
    },
    async (jobs) =>
      Promise.all(
        jobs.map(async (job): Promise<JobResult> => {
          try {
            const status = await signedPost(agent, "pgboss/1", job.data)
            const ok = status >= 200 && status < 300
            return { id: job.id, status: ok ? "completed" : "failed", output: { status } }
          } catch (error) {
            return { id: job.id, status: "failed", output: { error: (error as Error).message } }
          }
        })
      )
  )
  process.stdout.write(JSON.stringify({ ready: true, pid: process.pid }) + "\n")
  process.once("SIGTERM", async () => {
    await boss.stop({ graceful: false })
    await agent.close()
    process.exit(0)
  })
}

main().catch((e) => {
  process.stderr.write(`pg-boss worker failed: ${(e as Error).stack ?? e}\n`)
  process.exit(1)
})
