/**
 * pg-boss as the issue that asked for it configured it (and as its docs
 * suggest for a high-volume queue): retries with exponential backoff up to
 * 8 times, completed jobs kept (deleteAfterSeconds 0: their output, the
 * receiver's status, stays readable, as our delivery log does), NOTIFY
 * wake-ups. Shared by the worker process and the benchmark's producer.
 */
export const PGBOSS_QUEUE_OPTIONS = {
  retryLimit: 8,
  retryBackoff: true,
  deleteAfterSeconds: 0,
  notify: true,
} as const

/** One delivery: the same fields the naive baseline's jobs carry. */
export type { SignedDelivery as PgBossJob } from "./signed-post"

/**
 * Fetch settings tried (BENCH_PGBOSS_SETTINGS="batch x loops, …" picks
 * others); every round measures each, and the setting with the best median
 * over the rounds counts (bench/lib/rounds.ts bestSetting), as for the naive
 * baseline's two concurrencies.
 */
export const PGBOSS_WORK_SETTINGS: readonly { batchSize: number; localConcurrency: number }[] = parseSettings(
  process.env.BENCH_PGBOSS_SETTINGS ?? "100x8,200x4"
)

function parseSettings(text: string) {
  return text.split(",").map((part) => {
    const [batchSize, localConcurrency] = part.trim().split("x").map(Number)
    if (!(batchSize! >= 1 && localConcurrency! >= 1))
      throw new Error(`BENCH_PGBOSS_SETTINGS: "${part}" is not <batch>x<loops>`)
    return { batchSize: batchSize!, localConcurrency: localConcurrency! }
  })
}
