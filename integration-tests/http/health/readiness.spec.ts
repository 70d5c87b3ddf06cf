import { createServer, connect, type Server, type Socket } from "node:net"
import { medusaIntegrationTestRunner } from "@medusajs/test-utils"
import type { Knex } from "@medusajs/framework/mikro-orm/knex"
import { waitFor } from "../../helpers/store-client"

jest.setTimeout(180_000)

process.env.MEDUSA_REDIS_MODULES = "false"
process.env.HUB_QUEUE_PREFIX = `backy-test-${process.pid}-health`
// No delivery worker or reconciler: the deliveries this spec plants stay due.
process.env.WORKER_MODE = "server"
process.env.READY_MAX_WEBHOOK_BACKLOG_SECONDS = "60"
process.env.READY_MAX_ERP_BACKLOG_SECONDS = "120"
process.env.READY_CHECK_TIMEOUT_MS = "1000"

/**
 * The hub's Redis, reached through a door this spec controls: open (bytes
 * pass to the machine's Redis), closed (the port refuses connections) or hung
 * (connections are accepted and never answered). The machine's Redis itself
 * is never touched.
 */
class RedisDoor {
  private server?: Server
  private sockets = new Set<Socket>()
  private mode: "open" | "hung" = "open"
  port = 0

  async open(): Promise<void> {
    await this.reset("open")
  }
  async hang(): Promise<void> {
    await this.reset("hung")
  }
  /** Stops listening: connecting to the port is refused. */
  async close(): Promise<void> {
    this.dropAll()
    const server = this.server
    this.server = undefined
    if (server) await new Promise<void>((resolve) => server.close(() => resolve()))
  }

  private async reset(mode: "open" | "hung"): Promise<void> {
    this.mode = mode
    this.dropAll()
    if (this.server) return
    const server = createServer((client) => this.accept(client))
    await new Promise<void>((resolve, reject) => {
      server.once("error", reject)
      server.listen(this.port, "127.0.0.1", () => resolve())
    })
    this.server = server
    this.port = (server.address() as { port: number }).port
  }

  private accept(client: Socket): void {
    this.track(client)
    client.on("error", () => undefined)
    if (this.mode === "hung") return // read nothing, answer nothing
    const upstream = connect(6379, "127.0.0.1")
    this.track(upstream)
    upstream.on("error", () => client.destroy())
    client.pipe(upstream).pipe(client)
  }

  private track(socket: Socket): void {
    this.sockets.add(socket)
    socket.on("close", () => this.sockets.delete(socket))
  }

  private dropAll(): void {
    for (const socket of this.sockets) socket.destroy()
    this.sockets.clear()
  }
}

const door = new RedisDoor()

// Before the runner's own beforeAll, which loads medusa-config with REDIS_URL.
beforeAll(async () => {
  await door.open()
  process.env.REDIS_URL = `redis://127.0.0.1:${door.port}`
})
afterAll(async () => {
  await door.close()
})

type Ready = { status: "ready" | "not_ready"; checks: Record<string, { ok: boolean; reason?: string } & any> }

medusaIntegrationTestRunner({
  testSuite: ({ api, getContainer }) => {
    const ready = async () => {
      const res = await fetch(`${api.defaults.baseURL}/health/ready`)
      return { status: res.status, body: (await res.json()) as Ready, cacheControl: res.headers.get("cache-control") }
    }
    const pg = () => getContainer().resolve<Knex>("__pg_connection__")
    let planted = 0
    /** A pending delivery that has been due for `seconds`, which no worker holds. */
    const plantDue = async (targetType: "webhook_endpoint" | "erp_connection", seconds: number) => {
      planted += 1
      await pg()("delivery").insert({
        id: `dlv_health_${planted}`,
        event_id: `evt_health_${planted}`,
        target_type: targetType,
        target_id: targetType === "webhook_endpoint" ? "we_health" : "erpc_health",
        status: "pending",
        next_attempt_at: pg().raw(`now() - interval '${seconds} seconds'`),
      })
    }
    const failing = (body: Ready) =>
      Object.entries(body.checks)
        .filter(([, check]) => !check.ok)
        .map(([name]) => name)
        .sort()

    it("is ready on a healthy hub, naming each check, with nothing secret in the answer", async () => {
      const { status, body, cacheControl } = await ready()
      expect(status).toBe(200)
      expect(body.status).toBe("ready")
      expect(Object.keys(body.checks).sort()).toEqual([
        "erp_backlog",
        "migrations",
        "postgres",
        "redis",
        "webhook_backlog",
      ])
      expect(failing(body)).toEqual([])
      // Every migration file of Medusa's modules and backy's is found, and each is recorded as applied.
      const recorded = await pg().raw<{ rows: { n: number }[] }>("select count(*)::int as n from mikro_orm_migrations")
      expect(body.checks.migrations.applied).toBeGreaterThan(100)
      expect(body.checks.migrations.applied).toBe(recorded.rows[0].n)
      expect(body.checks.webhook_backlog).toMatchObject({ due: 0, oldest_due_seconds: 0, max_seconds: 60 })
      expect(body.checks.erp_backlog).toMatchObject({ due: 0, max_seconds: 120 })
      expect(cacheControl).toBe("no-store")
      expect(JSON.stringify(body)).not.toMatch(/redis:\/\/|postgres:\/\/|127\.0\.0\.1|localhost/)
      // Liveness stays Medusa's own.
      expect((await fetch(`${api.defaults.baseURL}/health`)).status).toBe(200)
    })

    it("answers 503 naming the backlog when the oldest due delivery has waited beyond its limit", async () => {
      // Due for 30 s, under the 60 s limit: counted, still ready.
      await plantDue("webhook_endpoint", 30)
      let answer = await ready()
      expect(answer.status).toBe(200)
      expect(answer.body.checks.webhook_backlog).toMatchObject({ ok: true, due: 1 })

      await plantDue("webhook_endpoint", 600)
      answer = await ready()
      expect(answer.status).toBe(503)
      expect(answer.body.status).toBe("not_ready")
      expect(failing(answer.body)).toEqual(["webhook_backlog"])
      expect(answer.body.checks.webhook_backlog).toMatchObject({ ok: false, due: 2, max_seconds: 60 })
      expect(answer.body.checks.webhook_backlog.oldest_due_seconds).toBeGreaterThanOrEqual(600)
      expect(answer.body.checks.webhook_backlog.reason).toMatch(
        /oldest due webhook delivery has waited \d+ s \(limit 60 s/
      )

      // ERP syncs have their own limit (120 s): 90 s passes, 300 s does not.
      await plantDue("erp_connection", 90)
      expect(failing((await ready()).body)).toEqual(["webhook_backlog"])
      await plantDue("erp_connection", 300)
      answer = await ready()
      expect(failing(answer.body)).toEqual(["erp_backlog", "webhook_backlog"])
      expect(answer.body.checks.erp_backlog.reason).toMatch(
        /oldest due ERP sync has waited \d+ s \(limit 120 s, 2 due\)/
      )

      // A delivery waiting for its next retry is not due: ready again.
      await pg()("delivery")
        .where({ status: "pending" })
        .update({ next_attempt_at: pg().raw("now() + interval '5 minutes'") })
      expect((await ready()).status).toBe(200)
    })

    it("answers 503 naming the migrations not applied", async () => {
      const removed = await pg()("mikro_orm_migrations")
        .whereIn("name", ["Migration20261126190440", "InitialSetup20240221144943"])
        .del()
      expect(removed).toBe(2)
      const { status, body } = await ready()
      expect(status).toBe(503)
      expect(failing(body)).toEqual(["migrations"])
      expect(body.checks.migrations.reason).toMatch(
        /^2 migration\(s\) not applied \(modules: .+\): run medusa db:migrate$/
      )
      expect(body.checks.migrations.pending.sort()).toEqual([
        "api_key/InitialSetup20240221144943",
        "outbox/Migration20261126190440",
      ])
    })

    it("answers 503 naming Redis when its port refuses connections, and is ready again when it is back", async () => {
      expect((await ready()).status).toBe(200)
      await door.close()
      const { status, body } = await ready()
      expect(status).toBe(503)
      expect(failing(body)).toEqual(["redis"])
      expect(body.checks.redis.reason).toBe("connection refused (ECONNREFUSED)")
      await door.open()
      await waitFor(async () => (await ready()).status === 200, 15_000, "readiness after Redis is back")
    })

    it("answers 503 within the check timeout when Redis accepts connections but never answers", async () => {
      await door.hang()
      const started = Date.now()
      const { status, body } = await ready()
      const took = Date.now() - started
      expect(status).toBe(503)
      expect(failing(body)).toEqual(["redis"])
      expect(body.checks.redis.reason).toMatch(/within 1000 ms/)
      // The probe waited about one check timeout (1 s), not for Redis.
      expect(took).toBeLessThan(3_000)
      await door.open()
      await waitFor(async () => (await ready()).status === 200, 15_000, "readiness after Redis answers again")
    })
  },
})
