import { Queue } from "bullmq"
import { WorkflowManager } from "@medusajs/framework/orchestration"
import { closeBullmq } from "../../../webhooks/lib/close-bullmq"
import type { HubConfig } from "../config/env"
import { MEDUSA_SCHEDULED_JOBS_QUEUE, medusaRedisNamespaces } from "../config/medusa-redis"

type Logger = { warn(message: string): void; error(message: string): void }

/** The key Medusa's Redis workflow engine gives a scheduled job's repeatable BullMQ job. */
const repeatKeyOf = (workflowId: string) => `schedule_${workflowId}`

/**
 * Medusa keeps the schedules of its scheduled jobs (src/jobs) only in Redis:
 * one repeatable BullMQ job per job, registered once, when a worker boots. A
 * Redis restart without persistence, a failover to an empty replica or a
 * FLUSHDB removes them, and no job runs again until a worker restarts —
 * among them the reconcilers that recover what Redis lost
 * (orders-placed-reconcile, outbox-deliveries-reconcile, invoices-reconcile).
 *
 * The keeper looks every `intervalMs` for the schedules this worker
 * registered and Redis no longer holds, and registers those again through
 * Medusa's own scheduler. Only the missing ones: registering a present
 * schedule again could replace its next run. A job limited to a number of
 * runs is left alone (registering it again would restart its count).
 */
export class ScheduleKeeper {
  private readonly queue: Queue
  private readonly timer: NodeJS.Timeout
  private failing = false
  private running?: Promise<unknown>

  constructor(
    options: { redisUrl: string; prefix: string; queueName: string; intervalMs: number },
    private readonly logger: Logger
  ) {
    this.queue = new Queue(options.queueName, {
      prefix: options.prefix,
      // A command fails fast while Redis is down (the next tick tries again) instead of queueing up.
      connection: { url: options.redisUrl, maxRetriesPerRequest: 1, enableOfflineQueue: false },
    })
    this.queue.on("error", () => undefined) // reported by keep(), once per outage
    this.timer = setInterval(() => {
      this.running ??= this.keep().finally(() => (this.running = undefined))
    }, options.intervalMs)
    this.timer.unref()
  }

  /** Registers again every kept schedule Redis lost; returns their job names. */
  async keep(): Promise<string[]> {
    try {
      const present = new Set((await this.queue.getRepeatableJobs()).map((job) => job.key))
      const lost = keptSchedules().filter((workflow) => !present.has(repeatKeyOf(workflow.id)))
      await Promise.all(lost.map((workflow) => WorkflowManager.scheduler.scheduleWorkflow(workflow)))
      if (lost.length)
        this.logger.warn(
          `job schedules: Redis had lost ${lost.length} (${lost.map((w) => w.id).join(", ")}); registered them again`
        )
      this.failing = false
      return lost.map((workflow) => workflow.id)
    } catch (error) {
      if (!this.failing) this.logger.error(`job schedules: could not check them: ${(error as Error).message}`)
      this.failing = true
      return []
    }
  }

  async close(): Promise<void> {
    clearInterval(this.timer)
    await this.running
    await closeBullmq(this.queue)
  }
}

/** The scheduled workflows (Medusa's jobs) registered in this process, but those limited to a number of runs. */
function keptSchedules() {
  return [...WorkflowManager.getWorkflows().values()].filter((workflow) => {
    const schedule = workflow.options?.schedule
    return !!schedule && (typeof schedule === "string" || schedule.numberOfExecutions === undefined)
  })
}

/** The keeper of this worker's job schedules; none on Medusa's in-process modules, whose schedules live in the process. */
export function keepJobSchedules(
  hub: Pick<HubConfig, "medusaRedisModules" | "redisUrl" | "queuePrefix" | "jobScheduleCheckMs">,
  logger: Logger
): ScheduleKeeper | undefined {
  if (!hub.medusaRedisModules) return undefined
  return new ScheduleKeeper(
    {
      redisUrl: hub.redisUrl,
      prefix: medusaRedisNamespaces(hub.queuePrefix).bullPrefix,
      queueName: MEDUSA_SCHEDULED_JOBS_QUEUE,
      intervalMs: hub.jobScheduleCheckMs,
    },
    logger
  )
}
