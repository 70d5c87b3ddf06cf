const FLUSH = Number(process.env.FLUSH ?? 25)
import { knex } from "@medusajs/framework/mikro-orm/knex"
import { readFileSync } from "node:fs"
import { insertHubEvents } from "../../src/modules/hub/lib/insert-event"
import { WebhookDeliveryStore } from "../../src/modules/hub/lib/webhook-delivery-store"
import { sealSecrets } from "../../src/modules/hub/lib/endpoint-secrets"
import { loadHubConfig } from "../../src/lib/config/env"
const pg = knex({ client: "pg", connection: "postgres://postgres@localhost:5432/backy_bench_webhooks", pool: { min: 1, max: 1 } })
const cpu = (pid: number) => { const f = readFileSync(`/proc/${pid}/stat`, "utf8").split(") ")[1].split(" "); return (Number(f[11]) + Number(f[12])) / 100 }
const doc = (i: number) => ({ id: `o_${i}`, lines: [1, 2, 3].map((l) => ({ line_id: `l${l}`, title: "Industrial Fastener Kit", sku: "FAST", quantity: 10, unit_price_minor: "1000", total_minor: "10000" })), address: { city: "San Francisco", address_1: "500 Market St" }, pad: "x".repeat(900) })
async function main() {
  await pg.raw("truncate webhook_endpoint, hub_event, delivery, delivery_attempt")
  await pg("webhook_endpoint").insert({ id: "ep1", partner_id: "p", url: "http://127.0.0.1:1/x", event_types: ["order.placed"], secrets: sealSecrets([{ secret: "whsec_" + Buffer.alloc(32, 3).toString("base64"), expiresAt: null }], loadHubConfig().encryptionKey), created_at: new Date(), updated_at: new Date() })
  const pid = (await pg.raw("select pg_backend_pid() as pid")).rows[0].pid
  const N = 5000
  const run = Date.now()
  let c = cpu(pid)
  const ids: string[] = []
  for (let b = 0; b < N / 500; b++) {
    const inputs = Array.from({ length: 500 }, (_, k) => ({ type: "order.placed", resource_type: "order", resource_id: `o_${run}_${b}_${k}`, dedupe_key: `x:${run}:${b}:${k}`, data: { order: doc(k) } }))
    const r = await pg.transaction((trx) => insertHubEvents(trx, inputs))
    ids.push(...r.flatMap((x) => x.webhook_delivery_ids))
  }
  let c2 = cpu(pid); console.log("record µs/delivery", Math.round((c2 - c) * 1e6 / N)); c = c2
  const store = new WebhookDeliveryStore(pg, loadHubConfig().encryptionKey)
  const claims: any[] = []
  for (let i = 0; i < ids.length; i += 100) {
    const token = `t${i}`
    const got = await store.loadForDispatch(ids.slice(i, i + 100), { now: new Date(), leaseUntil: new Date(Date.now() + 60000), claimToken: token })
    claims.push(...got.map((d) => ({ d, token })))
  }
  c2 = cpu(pid); console.log("claim µs/delivery", Math.round((c2 - c) * 1e6 / N)); c = c2
  for (let i = 0; i < claims.length; i += FLUSH) {
    const part = claims.slice(i, i + FLUSH)
    await store.recordResults({
      attempts: part.map(({ d }) => ({ deliveryId: d.id, endpointId: "ep1", attemptNumber: 1, startedAt: new Date(), durationMs: 2, outcome: "success", status: 200, responseBody: "", error: null })),
      deliveries: part.map(({ d, token }) => ({ deliveryId: d.id, endpointId: "ep1", claimToken: token, attempts: 1, status: "delivered", at: new Date() })),
      endpoints: [{ endpointId: "ep1", kind: "recovered", at: new Date() }],
    } as any)
  }
  c2 = cpu(pid); console.log("results(25/flush) µs/delivery", Math.round((c2 - c) * 1e6 / N)); c = c2
  console.log((await pg.raw("select count(*) from delivery where status='delivered'")).rows)
  await pg.destroy()
}
main()
