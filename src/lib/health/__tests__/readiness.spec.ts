import { ConfigError, loadHubConfig } from "../../config/env"
import { backlogCheck, describeFailure, migrationsCheck, runReadinessChecks, sumBacklog } from "../readiness"

describe("runReadinessChecks", () => {
  it("is ready only when every check is, and fails a hung or throwing check with its reason", async () => {
    const started = Date.now()
    const report = await runReadinessChecks(
      {
        fine: async () => ({ ok: true, detail: 1 }),
        hung: () => new Promise(() => undefined),
        broken: async () => {
          throw Object.assign(new Error("connect ECONNREFUSED 10.0.0.7:6379"), { code: "ECONNREFUSED" })
        },
      },
      100
    )
    expect(Date.now() - started).toBeLessThan(1_000)
    expect(report.status).toBe("not_ready")
    expect(report.checks.fine).toMatchObject({ ok: true, detail: 1 })
    expect(report.checks.hung).toMatchObject({ ok: false, reason: "no answer within 100 ms" })
    expect(report.checks.broken).toMatchObject({ ok: false, reason: "connection refused (ECONNREFUSED)" })
    expect(typeof report.checks.fine.duration_ms).toBe("number")
    expect(
      (await runReadinessChecks({ a: async () => ({ ok: true }), b: async () => ({ ok: true }) }, 100)).status
    ).toBe("ready")
  })
})

describe("describeFailure", () => {
  it("never repeats credentials from an error, nor the address of a network failure", () => {
    expect(describeFailure(new Error("cannot reach redis://default:hunter2@cache.internal:6379/0\nstack"))).toBe(
      "cannot reach redis://***@cache.internal:6379/0"
    )
    expect(describeFailure(Object.assign(new Error("getaddrinfo ENOTFOUND db.internal"), { code: "ENOTFOUND" }))).toBe(
      "host not found (ENOTFOUND)"
    )
    expect(describeFailure("x".repeat(500))).toHaveLength(200)
  })
})

describe("backlogCheck", () => {
  it("fails past the limit, passes at it, and only reports when the limit is 0", () => {
    expect(backlogCheck("webhook delivery", { due: 3, oldestDueSeconds: 300.7 }, 300)).toEqual({
      ok: true,
      due: 3,
      oldest_due_seconds: 300,
      max_seconds: 300,
    })
    expect(backlogCheck("webhook delivery", { due: 3, oldestDueSeconds: 301 }, 300)).toMatchObject({
      ok: false,
      reason: expect.stringContaining("the oldest due webhook delivery has waited 301 s (limit 300 s, 3 due)"),
    })
    expect(backlogCheck("ERP sync", { due: 1, oldestDueSeconds: 86_400 }, 0)).toMatchObject({ ok: true })
  })

  it("sums a target's lanes: counts added, the oldest wait kept", () => {
    expect(
      sumBacklog([
        { due: 2, oldestDueSeconds: 5 },
        { due: 4, oldestDueSeconds: 40 },
      ])
    ).toEqual({ due: 6, oldestDueSeconds: 40 })
    expect(sumBacklog([])).toEqual({ due: 0, oldestDueSeconds: 0 })
  })
})

describe("migrationsCheck", () => {
  const shipped = [
    { module: "cart", name: "Migration20240222170223" },
    { module: "outbox", name: "Migration20261126190440" },
    { module: "outbox", name: "Migration20261211100000" },
  ]

  it("passes when every shipped migration is recorded, and names those that are not", () => {
    expect(migrationsCheck(shipped, [...shipped.map((m) => m.name), "SomethingOld"])).toEqual({
      ok: true,
      applied: 3,
    })
    expect(migrationsCheck(shipped, ["Migration20240222170223"])).toEqual({
      ok: false,
      reason: "2 migration(s) not applied (modules: outbox): run medusa db:migrate",
      pending: ["outbox/Migration20261126190440", "outbox/Migration20261211100000"],
    })
  })
})

describe("READY_* configuration", () => {
  it("defaults to 300 s for webhooks, 900 s for ERP syncs and 2 s per check", () => {
    expect(loadHubConfig({}).readiness).toEqual({
      maxWebhookBacklogSeconds: 300,
      maxErpBacklogSeconds: 900,
      checkTimeoutMs: 2_000,
    })
    expect(
      loadHubConfig({
        READY_MAX_WEBHOOK_BACKLOG_SECONDS: "0",
        READY_MAX_ERP_BACKLOG_SECONDS: "3600",
        READY_CHECK_TIMEOUT_MS: "500",
      }).readiness
    ).toEqual({ maxWebhookBacklogSeconds: 0, maxErpBacklogSeconds: 3600, checkTimeoutMs: 500 })
  })

  it.each([
    ["READY_MAX_WEBHOOK_BACKLOG_SECONDS", "-1"],
    ["READY_MAX_ERP_BACKLOG_SECONDS", "ten"],
    ["READY_CHECK_TIMEOUT_MS", "10"],
  ])("refuses %s=%s naming the variable", (variable, value) => {
    expect(() => loadHubConfig({ [variable]: value })).toThrow(ConfigError)
    expect(() => loadHubConfig({ [variable]: value })).toThrow(variable)
  })
})
