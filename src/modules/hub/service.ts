import { MedusaService } from "@medusajs/framework/utils"
import { HubEventInput, InsertedEvent, insertHubEvent } from "./lib/insert-event"
import { hubRuntime } from "./lib/runtime"
import { startErpWorker } from "./lib/erp-worker"
import type { Knex } from "@medusajs/framework/mikro-orm/knex"
import { Delivery } from "./models/delivery"
import { DeliveryAttempt } from "./models/delivery-attempt"
import { HubEvent } from "./models/hub-event"
import { Partner } from "./models/partner"
import { WebhookEndpoint } from "./models/webhook-endpoint"

export type RecordEventInput = HubEventInput
export type RecordedEvent = InsertedEvent

type Cradle = { __pg_connection__: Knex; configModule?: { projectConfig?: { workerMode?: string } } }

class HubModuleService extends MedusaService({ HubEvent, Delivery, DeliveryAttempt, WebhookEndpoint, Partner }) {
  protected readonly pg_: Knex
  protected readonly workerMode_: string

  constructor(cradle: Cradle) {
    // eslint-disable-next-line prefer-rest-params
    super(...arguments)
    this.pg_ = cradle.__pg_connection__
    this.workerMode_ = cradle.configModule?.projectConfig?.workerMode ?? "shared"
  }

  /**
   * Delivery workers (webhooks, ERP sync) run where Medusa runs its workers:
   * WORKER_MODE shared or worker. Every process can produce.
   */
  __hooks = {
    onApplicationStart: async () => {
      if (this.workerMode_ === "server") return
      await hubRuntime.startWebhookWorkers(this.pg_)
      hubRuntime.track(startErpWorker(this.pg_))
    },
    onApplicationShutdown: async () => {
      await hubRuntime.close()
    },
  }

  get pg(): Knex {
    return this.pg_
  }

  /** Writes the event and one delivery per consumer, in one transaction. */
  async recordEvent(input: RecordEventInput): Promise<RecordedEvent> {
    return await this.pg_.transaction((trx) => insertHubEvent(trx, input))
  }
}

export default HubModuleService
