import { knex, type Knex } from "@medusajs/framework/mikro-orm/knex"
import { Client } from "pg"
import { claimWithLeaseSql, type LeaseClaim } from "../delivery-claims"
import { readAttemptLog } from "../attempt-log"
import { deliveryResultsSql, type AttemptEntry, type DeliveryResult } from "../delivery-results"

/**
 * The outbox's shared claim-with-lease and result writer, on a throwaway
 * database holding the columns they touch (the HTTP specs run them on the
 * real schema, through the webhook and ERP lanes).
 */
const DB = `backy_delivery_core_${process.pid}`
const server = { host: process.env.DB_HOST ?? "localhost", port: Number(process.env.DB_PORT ?? 5432), user: "postgres" }

let pg: Knex

async function admin(sql: string): Promise<void> {
  const client = new Client({ ...server, database: "postgres" })
  await client.connect()
  try {
    await client.query(sql)
  } finally {
    await client.end()
  }
}

beforeAll(async () => {
  await admin(`drop database if exists ${DB} with (force)`)
  await admin(`create database ${DB}`)
  pg = knex({ client: "pg", connection: { ...server, database: DB } })
  await pg.raw(`
    create table delivery (id text primary key, event_id text not null, target_type text not null, target_id text not null,
      status text not null default 'pending', attempts int not null default 0, schedule_base int not null default 0,
      next_attempt_at timestamptz, lease_until timestamptz, claim_token text, failure_reason text, last_status_code int,
      last_error text, result_ref text, completed_at timestamptz, deleted_at timestamptz,
      first_attempt_at timestamptz, first_status_code int, first_duration_ms int, first_response_body text,
      updated_at timestamptz not null default now());
    create table delivery_attempt (id text primary key, delivery_id text not null, attempt int not null, outcome text not null,
      status_code int, duration_ms int not null, response_body text, error text, created_at timestamptz not null,
      updated_at timestamptz not null, deleted_at timestamptz);
    create unique index on delivery_attempt (delivery_id, attempt) where deleted_at is null;`)
})

afterAll(async () => {
  await pg?.destroy()
  await admin(`drop database if exists ${DB} with (force)`)
})

beforeEach(async () => {
  await pg.raw("truncate delivery, delivery_attempt")
})

const past = new Date(Date.now() - 60_000)
const claimAt = (token: string, skipTargetIds?: string[]): LeaseClaim => ({
  now: new Date(),
  leaseUntil: new Date(Date.now() + 60_000),
  claimToken: token,
  skipTargetIds,
})

async function claim(targetType: "webhook_endpoint" | "erp_connection", ids: string[], lease: LeaseClaim) {
  const part = claimWithLeaseSql(targetType, ids, lease)
  const { rows } = await pg.raw(`with claimed as (${part.sql}) select * from claimed order by id`, part.bindings)
  return rows as { id: string; attempts: number; schedule_base: number; event_id: string; target_id: string }[]
}

async function record(attempts: AttemptEntry[], results: DeliveryResult[]): Promise<string[]> {
  const part = deliveryResultsSql(attempts, results)
  const { rows } = await pg.raw(`with ${part.sql} select id from updated order by id`, part.bindings)
  return rows.map((r: { id: string }) => r.id)
}

describe("claimWithLeaseSql", () => {
  it("leases only pending, due, unleased deliveries of the target type, not for a skipped target", async () => {
    await pg("delivery").insert([
      { id: "d_ok", event_id: "e1", target_type: "webhook_endpoint", target_id: "ep1", next_attempt_at: past },
      { id: "d_erp", event_id: "e1", target_type: "erp_connection", target_id: "c1", next_attempt_at: past },
      {
        id: "d_later",
        event_id: "e1",
        target_type: "webhook_endpoint",
        target_id: "ep1",
        next_attempt_at: new Date(Date.now() + 60_000),
      },
      {
        id: "d_done",
        event_id: "e1",
        target_type: "webhook_endpoint",
        target_id: "ep1",
        status: "delivered",
        next_attempt_at: past,
      },
      {
        id: "d_leased",
        event_id: "e1",
        target_type: "webhook_endpoint",
        target_id: "ep1",
        next_attempt_at: past,
        lease_until: new Date(Date.now() + 60_000),
      },
      {
        id: "d_expired",
        event_id: "e1",
        target_type: "webhook_endpoint",
        target_id: "ep1",
        next_attempt_at: past,
        lease_until: past,
        attempts: 3,
        schedule_base: 2,
      },
      { id: "d_skip", event_id: "e1", target_type: "webhook_endpoint", target_id: "ep_down", next_attempt_at: past },
    ])
    const ids = ["d_ok", "d_erp", "d_later", "d_done", "d_leased", "d_expired", "d_skip", "d_unknown"]
    const claimed = await claim("webhook_endpoint", ids, claimAt("t1", ["ep_down"]))
    expect(claimed).toEqual([
      { id: "d_expired", attempts: 3, schedule_base: 2, event_id: "e1", target_id: "ep1" },
      { id: "d_ok", attempts: 0, schedule_base: 0, event_id: "e1", target_id: "ep1" },
    ])
    expect(await claim("webhook_endpoint", ids, claimAt("t2"))).toEqual([expect.objectContaining({ id: "d_skip" })])
    expect((await claim("erp_connection", ids, claimAt("t3"))).map((r) => r.id)).toEqual(["d_erp"])
  })
})

describe("deliveryResultsSql", () => {
  beforeEach(async () => {
    await pg("delivery").insert([
      {
        id: "d1",
        event_id: "e1",
        target_type: "erp_connection",
        target_id: "c1",
        next_attempt_at: past,
        attempts: 4,
        schedule_base: 3,
        last_error: "old",
        result_ref: "erp_old",
      },
      {
        id: "d2",
        event_id: "e1",
        target_type: "webhook_endpoint",
        target_id: "ep1",
        next_attempt_at: past,
        last_error: "kept",
        last_status_code: 503,
      },
    ])
    await claim("erp_connection", ["d1"], claimAt("t1"))
    await claim("webhook_endpoint", ["d2"], claimAt("t2"))
  })

  const attempt = (deliveryId: string, n: number): AttemptEntry => ({
    deliveryId,
    attempt: n,
    outcome: "server_error",
    statusCode: 502,
    durationMs: 12.4,
    responseBody: "bad\u0000gateway",
    error: null,
    startedAt: new Date("2026-01-01T00:00:00Z"),
  })

  it("numbers attempts from schedule_base and applies results under the claim token, clearing the lease", async () => {
    const due = new Date(Date.now() + 5_000)
    const ours = await record(
      [attempt("d1", 2)],
      [
        {
          deliveryId: "d1",
          claimToken: "t1",
          status: "pending",
          attempts: 2,
          nextAttemptAt: due,
          last: { error: "HTTP 502", statusCode: 502 },
          resultRef: null,
        },
        // A deferral: no attempt, last error and result kept.
        { deliveryId: "d2", claimToken: "t2", status: "pending", attempts: 0, nextAttemptAt: due },
      ]
    )
    expect(ours).toEqual(["d1", "d2"])
    const rows = await pg("delivery").orderBy("id")
    expect(rows[0]).toMatchObject({
      attempts: 5,
      status: "pending",
      lease_until: null,
      claim_token: null,
      last_error: "HTTP 502",
      last_status_code: 502,
      result_ref: null,
    })
    expect(rows[0].next_attempt_at.getTime()).toBe(due.getTime())
    expect(rows[1]).toMatchObject({ attempts: 0, lease_until: null, last_error: "kept", last_status_code: 503 })
    expect(
      await pg("delivery_attempt").select("delivery_id", "attempt", "outcome", "duration_ms", "response_body")
    ).toEqual([
      { delivery_id: "d1", attempt: 5, outcome: "server_error", duration_ms: 12, response_body: "badgateway" },
    ])
  })

  it("ignores a result whose claim is no longer held, and an attempt already logged", async () => {
    await record([attempt("d1", 2)], [])
    const ours = await record(
      [attempt("d1", 2)],
      [
        {
          deliveryId: "d1",
          claimToken: "stale",
          status: "delivered",
          attempts: 2,
          completedAt: new Date(),
          resultRef: "erp_1",
        },
      ]
    )
    expect(ours).toEqual([])
    expect(await pg("delivery").where({ id: "d1" }).first()).toMatchObject({
      status: "pending",
      claim_token: "t1",
      result_ref: "erp_old",
    })
    expect(await pg("delivery_attempt").count({ n: "*" })).toEqual([{ n: "1" }])
  })

  it("finishes a delivery with its reason, completion time and result reference", async () => {
    const at = new Date("2026-01-02T00:00:00Z")
    await record(
      [],
      [
        {
          deliveryId: "d1",
          claimToken: "t1",
          status: "delivered",
          attempts: 2,
          completedAt: at,
          resultRef: "erp_9",
          last: { error: null, statusCode: null },
        },
      ]
    )
    await record(
      [],
      [
        {
          deliveryId: "d2",
          claimToken: "t2",
          status: "failed",
          attempts: 1,
          completedAt: at,
          failureReason: "exhausted",
        },
      ]
    )
    const [d1, d2] = await pg("delivery").orderBy("id")
    expect(d1).toMatchObject({
      status: "delivered",
      attempts: 5,
      result_ref: "erp_9",
      last_error: null,
      completed_at: at,
    })
    expect(d2).toMatchObject({
      status: "failed",
      attempts: 1,
      failure_reason: "exhausted",
      completed_at: at,
      last_error: "kept",
    })
  })
})

describe("attempt rows only when there is something to tell", () => {
  const startedAt = new Date("2026-02-01T10:00:00Z")
  const success = (deliveryId: string, n: number): AttemptEntry => ({
    deliveryId,
    attempt: n,
    outcome: "success",
    statusCode: 204,
    durationMs: 7.6,
    responseBody: "thanks",
    error: null,
    startedAt,
  })
  const delivered = (deliveryId: string, token: string, attempts: number): DeliveryResult => ({
    deliveryId,
    claimToken: token,
    status: "delivered",
    attempts,
    completedAt: new Date(),
    last: { error: null, statusCode: 204 },
  })

  beforeEach(async () => {
    await pg("delivery").insert(
      ["d_new", "d_retried", "d_stale"].map((id) => ({
        id,
        event_id: "e1",
        target_type: "webhook_endpoint",
        target_id: "ep1",
        next_attempt_at: past,
      }))
    )
  })

  it("keeps a first attempt that succeeds in the delivery row, and the log still shows it", async () => {
    await claim("webhook_endpoint", ["d_new"], claimAt("t1"))
    expect(await record([success("d_new", 1)], [delivered("d_new", "t1", 1)])).toEqual(["d_new"])
    expect(await pg("delivery_attempt").where({ delivery_id: "d_new" })).toEqual([])
    expect(await readAttemptLog(pg, "d_new")).toEqual([
      {
        attempt: 1,
        outcome: "success",
        status_code: 204,
        duration_ms: 8,
        response_body: "thanks",
        error: null,
        created_at: startedAt,
      },
    ])
  })

  it("logs every attempt of a delivery that needed more than one", async () => {
    await claim("webhook_endpoint", ["d_retried"], claimAt("t1"))
    await record(
      [{ ...success("d_retried", 1), outcome: "server_error", statusCode: 500 }],
      [{ deliveryId: "d_retried", claimToken: "t1", status: "pending", attempts: 1, nextAttemptAt: past }]
    )
    await claim("webhook_endpoint", ["d_retried"], claimAt("t2"))
    await record([success("d_retried", 2)], [delivered("d_retried", "t2", 2)])
    const log = await readAttemptLog(pg, "d_retried")
    expect(log.map((a) => [a.attempt, a.outcome, a.status_code])).toEqual([
      [1, "server_error", 500],
      [2, "success", 204],
    ])
    expect(await pg("delivery_attempt").where({ delivery_id: "d_retried" }).count()).toEqual([{ count: "2" }])
  })

  it("writes the row when the first success's result is not applied (stale claim), and once when recorded twice", async () => {
    await claim("webhook_endpoint", ["d_stale", "d_new"], claimAt("t1"))
    // Another worker's token: our result is ignored, but the POST happened and is logged.
    expect(await record([success("d_stale", 1)], [delivered("d_stale", "someone_else", 1)])).toEqual([])
    // Recorded twice after a crash: the second write finds the claim cleared and logs a row beside the columns.
    await record([success("d_new", 1)], [delivered("d_new", "t1", 1)])
    await record([success("d_new", 1)], [delivered("d_new", "t1", 1)])
    for (const id of ["d_stale", "d_new"]) {
      expect((await readAttemptLog(pg, id)).map((a) => [a.attempt, a.outcome])).toEqual([[1, "success"]])
    }
    expect(await pg("delivery_attempt").where({ delivery_id: "d_stale" }).count()).toEqual([{ count: "1" }])
  })
})
