/**
 * The naive baseline the benchmark compares against: one BullMQ job per
 * delivery, each doing the same signed POST (Standard Webhooks HMAC) through
 * an undici keep-alive pool, nothing persisted. Runs in its own process.
 *
 * Environment: REDIS_URL, NAIVE_PREFIX, NAIVE_CONCURRENCY.
 */
import { Worker } from "bullmq"
import { Agent } from "undici"
import { redisOptions } from "../../src/lib/config/redis-options"
import { signedPost, type SignedDelivery } from "./signed-post"

async function main() {
  const concurrency = Number(process.env.NAIVE_CONCURRENCY ?? "64")
  const agent = new Agent({ connections: concurrency, pipelining: 1, keepAliveTimeout: 30_000 })
  const worker = new Worker<SignedDelivery>(
    "deliver",
    async (job) => {
      const status = await signedPost(agent, "naive/1", job.data)
      if (status < 200 || status >= 300) throw new Error(`HTTP ${status}`)
    },
    {
      connection: { ...redisOptions(process.env.REDIS_URL ?? "redis://127.0.0.1:6379"), maxRetriesPerRequest: null },
      prefix: process.env.NAIVE_PREFIX!,
      concurrency,
      removeOnComplete: { count: 0 },
      removeOnFail: { count: 1000 },
    }
  )
  worker.on("error", () => undefined)
  await worker.waitUntilReady()
  process.stdout.write(JSON.stringify({ ready: true, pid: process.pid }) + "\n")
  process.once("SIGTERM", async () => {
    await worker.close(true)
    await agent.close()
    process.exit(0)
  })
}

main().catch((e) => {
  process.stderr.write(`naive worker failed: ${(e as Error).stack ?? e}\n`)
  process.exit(1)
})
