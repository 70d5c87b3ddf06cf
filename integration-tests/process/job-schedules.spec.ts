import { createWriteStream, mkdtempSync, readFileSync } from "node:fs"
import { tmpdir } from "node:os"
import { join } from "node:path"
import type { ChildProcess } from "node:child_process"
import { Queue } from "bullmq"
import Redis from "ioredis"
import { cleanEnv } from "./run"
import { freePort, startHub, stopHub, waitForHealth } from "../../scripts/demo/processes"
import { freshDatabase } from "../../scripts/soak/hub"
import { MEDUSA_SCHEDULED_JOBS_QUEUE, medusaRedisNamespaces } from "../../src/lib/config/medusa-redis"
import { closeBullmq } from "../../webhooks/lib/close-bullmq"

jest.setTimeout(180_000)

const DATABASE_URL = "postgres://postgres@127.0.0.1:5432/backy_job_schedules"
/** A Redis database of this spec's own: it is flushed. */
const REDIS_URL = "redis://127.0.0.1:6379/14"
const QUEUE_PREFIX = "schedules-spec"

/**
 * A worker on Medusa's Redis modules keeps running its scheduled jobs (the
 * reconcilers among them) after Redis loses everything: a FLUSHDB here, a
 * restart without persistence in production. Medusa registers the schedules
 * only when a worker boots.
 */
describe("a worker's job schedules after Redis loses them", () => {
  let worker: ChildProcess | undefined
  let queue: Queue | undefined
  let redis: Redis | undefined
  const logFile = join(mkdtempSync(join(tmpdir(), "backy-schedules-")), "worker.log")

  afterAll(async () => {
    if (worker) await stopHub(worker)
    if (queue) await closeBullmq(queue)
    redis?.disconnect()
  })

  const scheduled = async () => (await queue!.getRepeatableJobs()).map((job) => job.key).sort()

  async function waitUntil<T>(read: () => Promise<T>, done: (value: T) => boolean, timeoutMs: number): Promise<T> {
    const deadline = Date.now() + timeoutMs
    let value = await read()
    while (!done(value) && Date.now() < deadline) {
      await new Promise((r) => setTimeout(r, 250))
      value = await read()
    }
    return value
  }

  it("registers every schedule again within the check interval of a FLUSHDB", async () => {
    redis = new Redis(REDIS_URL)
    await Promise.all([freshDatabase(DATABASE_URL), redis.flushdb()])
    queue = new Queue(MEDUSA_SCHEDULED_JOBS_QUEUE, {
      prefix: medusaRedisNamespaces(QUEUE_PREFIX).bullPrefix,
      connection: { url: REDIS_URL },
    })
    const port = await freePort()
    worker = startHub(
      port,
      cleanEnv({
        DATABASE_URL,
        REDIS_URL,
        HUB_QUEUE_PREFIX: QUEUE_PREFIX,
        MEDUSA_REDIS_MODULES: "true",
        ADMIN_DASHBOARD: "false",
        WORKER_MODE: "worker",
        JOB_SCHEDULE_CHECK_MS: "1000",
      }),
      createWriteStream(logFile)
    )
    await waitForHealth(`http://127.0.0.1:${port}`, worker)
    // Medusa names a job's workflow `job-<name>` (src/jobs configs).
    const reconcilers = ["orders-placed-reconcile", "outbox-deliveries-reconcile", "invoices-reconcile"].map(
      (name) => `schedule_job-${name}`
    )
    const atBoot = await waitUntil(scheduled, (keys) => reconcilers.every((k) => keys.includes(k)), 30_000)
    expect(atBoot).toEqual(expect.arrayContaining(reconcilers))

    await redis.flushdb()
    expect(await scheduled()).toEqual([])

    // The check runs every second here (JOB_SCHEDULE_CHECK_MS); 30 s by default.
    const afterFlush = await waitUntil(scheduled, (keys) => keys.length >= atBoot.length, 15_000)
    expect(afterFlush).toEqual(atBoot)
    // Each schedule has its next run queued again, not only its definition.
    const delayed = (await queue.getDelayed()).map((job) => job.repeatJobKey).sort()
    expect(delayed).toEqual(atBoot)
    expect(readFileSync(logFile, "utf8")).toContain(`Redis had lost ${atBoot.length}`)

    // Present schedules are left as they are: no second next run for any job.
    await new Promise((r) => setTimeout(r, 2_500))
    expect((await queue.getDelayed()).map((job) => job.repeatJobKey).sort()).toEqual(atBoot)
  })
})
