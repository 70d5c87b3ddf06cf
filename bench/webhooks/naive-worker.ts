/**
 * The naive baseline the benchmark compares against: one BullMQ job per
 * delivery, each doing the same signed POST (Standard Webhooks HMAC) through
 * an undici keep-alive pool, nothing persisted. Runs in its own process.
 *
 * Environment: REDIS_URL, NAIVE_PREFIX, NAIVE_CONCURRENCY.
 */
import { Worker } from "bullmq"
import { Agent, request } from "undici"
import { signatureHeaders } from "../../webhooks"
import { redisOptions } from "../../src/lib/config/redis-options"

export type NaiveJob = { id: string; url: string; body: string; secret: string }

async function main() {
  const concurrency = Number(process.env.NAIVE_CONCURRENCY ?? "64")
  const agent = new Agent({ connections: concurrency, pipelining: 1, keepAliveTimeout: 30_000 })
  const worker = new Worker<NaiveJob>(
    "deliver",
    async (job) => {
      const { id, url, body, secret } = job.data
      const headers = signatureHeaders({ id, timestamp: Math.floor(Date.now() / 1000), body, secrets: [secret] })
      const res = await request(url, {
        method: "POST",
        dispatcher: agent,
        headers: { ...headers, "content-type": "application/json", "user-agent": "naive/1" },
        body,
      })
      await res.body.dump()
      if (res.statusCode < 200 || res.statusCode >= 300) throw new Error(`HTTP ${res.statusCode}`)
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
