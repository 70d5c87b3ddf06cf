import { MedusaError, MedusaService } from "@medusajs/framework/utils"
import type { Knex } from "@medusajs/framework/mikro-orm/knex"
import { generateClientCredentials, hashSecret, verifySecret } from "../../lib/crypto/client-secret"
import { loadHubConfig, type HubConfig } from "../../lib/config/env"
import { writeSecretRow } from "../../lib/errors/secret-row-write"
import { HubEventInput, InsertedEvent, insertHubEvent, insertHubEvents } from "./lib/insert-event"
import { hubRuntime } from "./lib/runtime"
import { reconcileDeliveries } from "./lib/reconcile"
import {
  createEndpoint,
  deleteEndpoint,
  EndpointInput,
  EndpointPatch,
  loadEndpoint,
  recordTestEvent,
  rotateEndpointSecret,
  updateEndpoint,
} from "./lib/endpoint-admin"
import { DeliveryFilters, deliveryDetail, pageDeliveries, recoverEndpoint, retryDelivery } from "./lib/delivery-admin"
import type { PartnerRow } from "./lib/views"
import {
  listDeliveryAttemptLog,
  listTargetDeliveries,
  retrieveTargetDelivery,
  type DeliveryAttemptLogRow,
  type DeliveryTargetType,
  type TargetDeliveryFilters,
  type TargetDeliveryRow,
} from "./lib/target-deliveries"
import {
  rescheduleDeliveryNow,
  restoreDeliverySchedule,
  type DeliveryScheduleSnapshot,
} from "./lib/delivery-reschedule"
import { Delivery } from "./models/delivery"
import { DeliveryAttempt } from "./models/delivery-attempt"
import { HubEvent } from "./models/hub-event"
import { Partner, PARTNER_SCOPES } from "./models/partner"
import { PartnerSigningKey } from "./models/partner-signing-key"
import { WebhookEndpoint } from "./models/webhook-endpoint"

export type RecordEventInput = HubEventInput
export type RecordedEvent = InsertedEvent

type Logger = { info(message: string): void; warn(message: string): void; error(message: string): void }
type Cradle = { __pg_connection__: Knex; logger?: Logger; configModule?: { projectConfig?: { workerMode?: string } } }

/** What medusa-config.ts passes (from the configuration loaded once, src/lib/config/env.ts). */
export type OutboxModuleOptions = Pick<
  HubConfig,
  "encryptionKey" | "redisUrl" | "queuePrefix" | "webhooks" | "oauthRateLimit"
>

class OutboxModuleService extends MedusaService({
  HubEvent,
  Delivery,
  DeliveryAttempt,
  WebhookEndpoint,
  Partner,
  PartnerSigningKey,
}) {
  protected readonly pg_: Knex
  protected readonly workerMode_: string
  protected readonly logger_?: Logger
  protected readonly options_: OutboxModuleOptions

  constructor(cradle: Cradle, options: OutboxModuleOptions) {
    // eslint-disable-next-line prefer-rest-params
    super(...arguments)
    this.pg_ = cradle.__pg_connection__
    this.options_ = options
    this.workerMode_ = cradle.configModule?.projectConfig?.workerMode ?? "shared"
    this.logger_ = cradle.logger
  }

  /**
   * Webhook delivery workers run where Medusa runs its workers:
   * WORKER_MODE shared or worker. Every process can produce. Medusa swallows
   * errors thrown here, so they are logged.
   */
  __hooks = {
    onApplicationStart: async () => {
      if (this.logger_) hubRuntime.useLogger(this.logger_)
      if (this.workerMode_ === "server") return
      try {
        await hubRuntime.startWebhookWorkers(this.pg_)
      } catch (e) {
        this.logger_?.error(`hub: delivery workers did not start: ${(e as Error).message}`)
        throw e
      }
    },
    onApplicationShutdown: async () => {
      await hubRuntime.close()
    },
  }

  // ── Events ────────────────────────────────────────────────────────────

  /** Writes the event and one delivery per consumer, in one transaction. */
  async recordEvent(input: RecordEventInput): Promise<RecordedEvent> {
    return await this.pg_.transaction((trx) => insertHubEvent(trx, input))
  }

  /** The same for many events, in one transaction with a fixed number of statements. */
  async recordEvents(inputs: RecordEventInput[]): Promise<RecordedEvent[]> {
    return await this.pg_.transaction((trx) => insertHubEvents(trx, inputs))
  }

  // ── Deliveries ────────────────────────────────────────────────────────

  /** Hands back to the queues the due deliveries no worker holds (lib/reconcile.ts). */
  async reconcileDeliveries(): Promise<{ webhooks: number; erp: number }> {
    return await reconcileDeliveries(this.pg_)
  }

  /**
   * Cancels the pending deliveries to one target (an ERP connection being
   * removed); the delivery log keeps them. Returns the ids it canceled.
   */
  async cancelPendingDeliveries(targetType: string, targetId: string, reason: string): Promise<string[]> {
    const rows: { id: string }[] = await this.pg_("delivery")
      .where({ target_type: targetType, target_id: targetId, status: "pending" })
      .update({
        status: "canceled",
        failure_reason: reason,
        completed_at: this.pg_.fn.now(),
        updated_at: this.pg_.fn.now(),
      })
      .returning("id")
    return rows.map((r) => r.id)
  }

  // ── Deliveries by target type (the admin API's ERP syncs) ─────────────

  /** Deliveries to targets of one type, newest first (lib/target-deliveries.ts). */
  async listTargetDeliveries(
    targetType: DeliveryTargetType,
    filters: TargetDeliveryFilters,
    page: { limit: number; offset: number }
  ): Promise<{ deliveries: TargetDeliveryRow[]; count: number }> {
    return await listTargetDeliveries(this.pg_, targetType, filters, page)
  }

  /** One delivery to a target of this type, or null. */
  async retrieveTargetDelivery(targetType: DeliveryTargetType, id: string): Promise<TargetDeliveryRow | null> {
    return await retrieveTargetDelivery(this.pg_, targetType, id)
  }

  /** Every attempt of a delivery, in order. */
  async listDeliveryAttemptLog(deliveryId: string): Promise<DeliveryAttemptLogRow[]> {
    return await listDeliveryAttemptLog(this.pg_, deliveryId)
  }

  /**
   * Makes a delivery due now with a fresh retry schedule
   * (lib/delivery-reschedule.ts). Returns its state before, for
   * restoreDeliverySchedule, or null when a worker holds it.
   */
  async rescheduleDeliveryNow(id: string): Promise<DeliveryScheduleSnapshot | null> {
    return await rescheduleDeliveryNow(this.pg_, id)
  }

  /** Undoes rescheduleDeliveryNow, unless a worker has taken the delivery since. */
  async restoreDeliverySchedule(before: DeliveryScheduleSnapshot): Promise<void> {
    await restoreDeliverySchedule(this.pg_, before)
  }

  /** Best effort: the rows are pending in Postgres, the reconciler enqueues what Redis did not take. */
  async enqueueErpDeliveries(ids: string[]): Promise<void> {
    await hubRuntime.enqueueErpDeliveries(ids).catch((e: Error) => {
      this.logger_?.warn(`hub: enqueue failed, the reconciler will pick the ERP syncs up: ${e.message}`)
    })
  }

  // ── Partners ──────────────────────────────────────────────────────────

  /** Creates a partner with client credentials; the secret is returned here only. */
  async issuePartner(input: {
    name: string
    scopes?: string[]
  }): Promise<{ partner: PartnerRow; client_secret: string }> {
    const creds = generateClientCredentials("ptn")
    const client_secret_hash = await hashSecret(creds.client_secret)
    const partner = await writeSecretRow("partner", () =>
      this.createPartners({
        name: input.name,
        client_id: creds.client_id,
        client_secret_hash,
        scopes: input.scopes ?? [...PARTNER_SCOPES],
      })
    )
    return { partner: (await this.partnerRow(partner.id))!, client_secret: creds.client_secret }
  }

  /** A new client secret (shown once); the old one stops working at once. */
  async rotatePartnerSecret(id: string): Promise<{ partner: PartnerRow; client_secret: string }> {
    const row = await this.partnerRow(id)
    if (!row) throw new MedusaError(MedusaError.Types.NOT_FOUND, `Partner ${id} was not found`)
    const { client_secret } = generateClientCredentials("ptn")
    const client_secret_hash = await hashSecret(client_secret)
    await writeSecretRow("partner", () =>
      this.pg_("partner").where({ id }).update({ client_secret_hash, updated_at: new Date() })
    )
    return { partner: (await this.partnerRow(id))!, client_secret }
  }

  async updatePartner(id: string, patch: { name?: string; scopes?: string[]; revoked?: boolean }): Promise<PartnerRow> {
    const row = await this.partnerRow(id)
    if (!row) throw new MedusaError(MedusaError.Types.NOT_FOUND, `Partner ${id} was not found`)
    const changes: Record<string, unknown> = { updated_at: new Date() }
    if (patch.name !== undefined) changes.name = patch.name
    if (patch.scopes !== undefined) changes.scopes = patch.scopes
    if (patch.revoked !== undefined) changes.revoked_at = patch.revoked ? new Date() : null
    await this.pg_("partner").where({ id }).update(changes)
    return (await this.partnerRow(id))!
  }

  /** Revokes the partner's credentials and deletes its endpoints (their pending deliveries are canceled). */
  async removePartner(id: string): Promise<void> {
    const row = await this.partnerRow(id)
    if (!row) throw new MedusaError(MedusaError.Types.NOT_FOUND, `Partner ${id} was not found`)
    const endpoints = await this.pg_("webhook_endpoint").where({ partner_id: id }).whereNull("deleted_at").select("id")
    for (const { id: endpointId } of endpoints) await deleteEndpoint(this.pg_, endpointId)
    const now = new Date()
    await this.pg_("partner").where({ id }).update({ revoked_at: now, deleted_at: now, updated_at: now })
  }

  async listPartnerRows(): Promise<PartnerRow[]> {
    return (await this.pg_("partner").whereNull("deleted_at").orderBy("created_at", "desc").select("*")) as PartnerRow[]
  }

  async partnerRow(id: string): Promise<PartnerRow | undefined> {
    return (await this.pg_("partner").where({ id }).whereNull("deleted_at").first()) as PartnerRow | undefined
  }

  async partnerByClientId(clientId: string): Promise<PartnerRow | undefined> {
    return (await this.pg_("partner").where({ client_id: clientId }).whereNull("deleted_at").first()) as
      | PartnerRow
      | undefined
  }

  /** The partner behind client credentials, or undefined (unknown, revoked or wrong secret: one answer for all). */
  async authenticatePartner(clientId: string, secret: string): Promise<PartnerRow | undefined> {
    const row = (await this.pg_("partner").where({ client_id: clientId }).whereNull("deleted_at").first()) as
      | (PartnerRow & { client_secret_hash: string })
      | undefined
    if (!row || row.revoked_at || !(await verifySecret(secret, row.client_secret_hash))) return undefined
    return row
  }

  grantedScopes(partner: PartnerRow): string[] {
    return partner.scopes ?? [...PARTNER_SCOPES]
  }

  // ── Endpoints ─────────────────────────────────────────────────────────

  async createEndpoint(partnerId: string, input: EndpointInput) {
    if (!(await this.partnerRow(partnerId)))
      throw new MedusaError(MedusaError.Types.INVALID_DATA, `partner_id: partner ${partnerId} does not exist`)
    return await createEndpoint(this.pg_, loadHubConfig().encryptionKey, partnerId, input)
  }

  async endpointRow(id: string, partnerId?: string) {
    return await loadEndpoint(this.pg_, id, partnerId)
  }

  async listEndpointRows(filters: { partner_id?: string; enabled?: boolean }) {
    const query = this.pg_("webhook_endpoint")
      .whereNull("deleted_at")
      .orderBy([
        { column: "created_at", order: "desc" },
        { column: "id", order: "desc" },
      ])
    if (filters.partner_id) query.where({ partner_id: filters.partner_id })
    if (filters.enabled === true) query.whereNull("disabled_at")
    if (filters.enabled === false) query.whereNotNull("disabled_at")
    return await query.select("*")
  }

  async updateEndpoint(id: string, patch: EndpointPatch, partnerId?: string) {
    return await updateEndpoint(this.pg_, id, patch, partnerId)
  }

  async deleteEndpoint(id: string, partnerId?: string) {
    await deleteEndpoint(this.pg_, id, partnerId)
  }

  async rotateEndpointSecret(id: string, gracePeriodMs?: number, partnerId?: string) {
    return await rotateEndpointSecret(this.pg_, loadHubConfig().encryptionKey, id, gracePeriodMs, partnerId)
  }

  /** Records a `webhook.test` event for the endpoint only and sends it. */
  async sendTestEvent(id: string, partnerId?: string) {
    const recorded = await recordTestEvent(this.pg_, id, partnerId)
    await this.enqueueQuietly([recorded.delivery_id], "first")
    return recorded
  }

  // ── Deliveries ────────────────────────────────────────────────────────

  async pageDeliveries(filters: DeliveryFilters, page: { limit: number; cursor?: string }) {
    return await pageDeliveries(this.pg_, filters, page)
  }

  async deliveryDetail(id: string, partnerId?: string) {
    return await deliveryDetail(this.pg_, id, partnerId)
  }

  async retryDelivery(id: string, partnerId?: string) {
    const { delivery, enqueue } = await retryDelivery(this.pg_, id, partnerId)
    if (enqueue) await this.enqueueQuietly([id], "first")
    return delivery
  }

  /** Re-queues the endpoint's failed deliveries since `since`; returns how many. */
  async recoverEndpoint(endpointId: string, range: { since: Date; until?: Date }, partnerId?: string): Promise<number> {
    const ids = await recoverEndpoint(this.pg_, endpointId, range, partnerId)
    // Recovered backlogs go to the retry lane: fresh traffic keeps its own.
    await this.enqueueQuietly(ids, "retry")
    return ids.length
  }

  /** Best effort: the rows are pending in Postgres, the reconciler enqueues what Redis did not take. */
  private async enqueueQuietly(ids: string[], lane: "first" | "retry") {
    await hubRuntime.enqueueWebhookDeliveries(ids, lane).catch((e: Error) => {
      this.logger_?.warn(`hub: enqueue failed, the reconciler will pick the deliveries up: ${e.message}`)
    })
  }
}

export default OutboxModuleService
