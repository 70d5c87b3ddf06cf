import type { MedusaRequest, MedusaResponse } from "@medusajs/framework/http"
import { OUTBOX_MODULE } from "../../../modules/outbox"
import type OutboxModuleService from "../../../modules/outbox/service"
import {
  backlogCheck,
  migrationsCheck,
  readinessSettings,
  runReadinessChecks,
  sumBacklog,
} from "../../../lib/health/readiness"
import { shippedMigrations } from "../../../lib/health/shipped-migrations"

/**
 * GET /health/ready — readiness, for load balancers and orchestrators (Medusa's
 * own GET /health says only that the process is up). 200 `{status: "ready",
 * checks}` when Postgres answers, Redis answers PING, every shipped migration
 * is applied and no due webhook delivery or ERP sync has waited for a worker
 * beyond its limit (READY_MAX_*_BACKLOG_SECONDS); otherwise 503 `{status:
 * "not_ready", checks}`, each failing check with its `reason`. No
 * authentication: it names no host, URL or secret. Each check has
 * READY_CHECK_TIMEOUT_MS.
 */
export async function GET(req: MedusaRequest, res: MedusaResponse) {
  const hub = req.scope.resolve<OutboxModuleService>(OUTBOX_MODULE)
  const { checkTimeoutMs, maxWebhookBacklogSeconds, maxErpBacklogSeconds } = readinessSettings()
  // One read serves both backlog checks.
  let backlog: ReturnType<OutboxModuleService["deliveryBacklog"]> | undefined
  const lanes = async (target: "webhook" | "erp") =>
    (await (backlog ??= hub.deliveryBacklog())).lanes.filter((lane) => lane.target === target)

  const report = await runReadinessChecks(
    {
      postgres: async () => (await hub.pingDatabase(), { ok: true }),
      redis: async () => (await hub.pingRedis(checkTimeoutMs), { ok: true }),
      migrations: async () => migrationsCheck(shippedMigrations(), await hub.appliedMigrationNames()),
      webhook_backlog: async () =>
        backlogCheck("webhook delivery", sumBacklog(await lanes("webhook")), maxWebhookBacklogSeconds),
      erp_backlog: async () => backlogCheck("ERP sync", sumBacklog(await lanes("erp")), maxErpBacklogSeconds),
    },
    checkTimeoutMs
  )
  res.setHeader("cache-control", "no-store")
  res.status(report.status === "ready" ? 200 : 503).json(report)
}
