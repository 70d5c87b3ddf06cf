/**
 * BENCH_ONLY=statements: Postgres CPU per delivery of each hot-path statement
 * of the webhook engine, measured without the noise of a full pipeline (no
 * workers, no receiver, no other process competing for the cores). One
 * connection runs, round after round: recording (`insertHubEvents`, 500
 * events per transaction), claiming (`loadForDispatch`, 100 ids per claim, as
 * a worker's batch job) and recording first-attempt successes
 * (`recordResults`, 500 per write, as the result batcher flushes). Its
 * backend's CPU time is read from /proc before and after each phase, so a
 * change to one statement shows as a change in its own figure: the pipeline
 * bench moves by ±10% from one run to the next, this by a few per cent.
 */
import { readFileSync } from "node:fs"
import { randomUUID } from "node:crypto"
import { knex } from "@medusajs/framework/mikro-orm/knex"
import { insertHubEvents, type HubEventInput } from "../../src/modules/outbox/lib/insert-event"
import { WebhookDeliveryStore } from "../../src/modules/outbox/lib/webhook-delivery-store"
import { loadHubConfig } from "../../src/lib/config/env"
import type { DeliveryUpdate } from "../../webhooks"

const RECORD_BATCH = 500
const CLAIM_BATCH = 100
const RESULT_BATCH = 500
/** /proc/<pid>/stat counts CPU time in clock ticks (USER_HZ, 100 on Linux). */
const MICROSECONDS_PER_TICK = 10_000

type Phase = "record" | "claim" | "result"

export async function statementCost(options: {
  databaseUrl: string
  eventInput: (i: number, phase: string) => HubEventInput
  events: number
  rounds: number
}): Promise<Record<Phase, number>> {
  // One connection, so one backend process does all the work measured.
  const pg = knex({ client: "pg", connection: options.databaseUrl, pool: { min: 1, max: 1 } })
  try {
    const { rows } = await pg.raw<{ rows: { pid: number }[] }>("select pg_backend_pid() as pid")
    const backendCpu = () => {
      const fields = readFileSync(`/proc/${rows[0]!.pid}/stat`, "utf8").split(") ")[1]!.split(" ")
      return (Number(fields[11]) + Number(fields[12])) * MICROSECONDS_PER_TICK
    }
    const store = new WebhookDeliveryStore(pg, loadHubConfig())
    const spent: Record<Phase, number> = { record: 0, claim: 0, result: 0 }
    const measure = async <T>(phase: Phase, work: () => Promise<T>): Promise<T> => {
      const before = backendCpu()
      const out = await work()
      spent[phase] += backendCpu() - before
      return out
    }
    let deliveries = 0
    for (let round = 0; round < options.rounds; round++) {
      await pg.raw("truncate hub_event, delivery, delivery_attempt")
      const phase = `statements-${round}-${randomUUID().slice(0, 8)}`
      const inputs = Array.from({ length: options.events }, (_, i) => options.eventInput(i, phase))
      const ids = await measure("record", async () => {
        const out: string[] = []
        for (let i = 0; i < inputs.length; i += RECORD_BATCH) {
          const recorded = await pg.transaction((trx) => insertHubEvents(trx, inputs.slice(i, i + RECORD_BATCH)))
          for (const event of recorded) out.push(...event.webhook_delivery_ids)
        }
        return out
      })
      const claims = await measure("claim", async () => {
        const out = []
        for (let i = 0; i < ids.length; i += CLAIM_BATCH) {
          const at = Date.now()
          const claimToken = randomUUID()
          const claimed = await store.loadForDispatch(ids.slice(i, i + CLAIM_BATCH), {
            now: new Date(at),
            leaseUntil: new Date(at + 60_000),
            claimToken,
          })
          out.push(...claimed.map((delivery) => ({ delivery, claimToken })))
        }
        return out
      })
      await measure("result", async () => {
        for (let i = 0; i < claims.length; i += RESULT_BATCH) {
          const batch = claims.slice(i, i + RESULT_BATCH)
          const at = new Date()
          await store.recordResults({
            attempts: batch.map(({ delivery }) => ({
              deliveryId: delivery.id,
              endpointId: delivery.endpoint.id,
              attemptNumber: 1,
              startedAt: at,
              durationMs: 3,
              outcome: "success" as const,
              status: 200,
              responseBody: "",
              error: null,
            })),
            deliveries: batch.map(
              ({ delivery, claimToken }): DeliveryUpdate => ({
                deliveryId: delivery.id,
                endpointId: delivery.endpoint.id,
                claimToken,
                attempts: 1,
                status: "delivered",
                at,
              })
            ),
            endpoints: [],
          })
        }
      })
      deliveries += claims.length
    }
    return {
      record: spent.record / deliveries,
      claim: spent.claim / deliveries,
      result: spent.result / deliveries,
    }
  } finally {
    await pg.destroy()
  }
}
