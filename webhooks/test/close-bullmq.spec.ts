/**
 * Closing lanes that have not finished connecting, against the real Redis on
 * 127.0.0.1:6379: a producer created and closed at once (as a short script or
 * a test does) must not leave an unhandled "Connection is closed" behind,
 * which would crash the process that closed it.
 */
import { randomUUID } from "node:crypto"
import { Worker } from "bullmq"
import { closeBullmq, createWebhookProducer } from "../index"

const connection = { host: "127.0.0.1", port: 6379 }

/** Runs `body`, then waits long enough for a late rejection to surface, and returns every unhandled one. */
async function unhandledDuring(body: () => Promise<void>): Promise<unknown[]> {
  const seen: unknown[] = []
  const record = (reason: unknown) => seen.push(reason)
  process.on("unhandledRejection", record)
  try {
    await body()
    await new Promise((resolve) => setTimeout(resolve, 300))
  } finally {
    process.off("unhandledRejection", record)
  }
  return seen
}

describe("closing BullMQ lanes while they connect", () => {
  it("a producer closed before its lanes have connected leaves no unhandled error", async () => {
    const unhandled = await unhandledDuring(async () => {
      for (let i = 0; i < 10; i++) {
        const producer = createWebhookProducer({ connection, prefix: `close-test-${randomUUID()}` })
        await new Promise((resolve) => setTimeout(resolve, i))
        await producer.close()
      }
    })
    expect(unhandled.map(String)).toEqual([])
  })

  it("a worker closed while connecting leaves no unhandled error", async () => {
    const unhandled = await unhandledDuring(async () => {
      for (let i = 0; i < 10; i++) {
        const worker = new Worker("close-test", async () => undefined, {
          connection,
          prefix: `close-test-${randomUUID()}`,
        })
        worker.on("error", () => undefined)
        await new Promise((resolve) => setTimeout(resolve, i))
        await closeBullmq(worker)
      }
    })
    expect(unhandled.map(String)).toEqual([])
  })
})
