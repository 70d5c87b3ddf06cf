import { MedusaError, MedusaService } from "@medusajs/framework/utils"
import type { Knex } from "@medusajs/framework/mikro-orm/knex"
import { generateClientCredentials, hashSecret } from "../../lib/crypto/client-secret"
import type { HubConfig } from "../../lib/config/env"
import { writeSecretRow } from "../../lib/errors/secret-row-write"
import { HubEventInput, InsertedEvent, insertHubEvent, insertHubEvents } from "./lib/insert-event"
import type { PartnerGrants } from "./lib/partner-grants"
import { configureHubRuntime, hubRuntime } from "./lib/runtime"
import { readDeliveryBacklog, type DeliveryBacklog } from "./lib/delivery-backlog"
import { loadHubConfig } from "../../lib/config/env"
import { hubMetrics } from "../../lib/metrics/registry"
import { configureMetrics, registerScrapeSource, type MetricsSettings } from "../../lib/metrics/scrape"
import { startMetricsServer } from "../../lib/metrics/server"
import { keepJobSchedules } from "../../lib/jobs/schedule-keeper"
import { reconcileDeliveries } from "./lib/reconcile"
import { appliedMigrationNames, pingDatabase, RedisProbe } from "./lib/readiness"
import {
  createEndpoint,
  EndpointInput,
  EndpointPatch,
  loadEndpoint,
  recordTestEvent,
  restoreEndpointSecrets,
  restoreEndpointSettings,
  rotateEndpointSecret,
  updateEndpoint,
} from "./lib/endpoint-admin"
import {
  cancelEndpointDeliveries,
  DeliveryFilters,
  deliveryDetail,
  DeliveryState,
  pageDeliveries,
  recoverEndpoint,
  restoreCanceledDeliveries,
  restoreDeliveryStates,
  retryDelivery,
} from "./lib/delivery-admin"
import { openSecrets, type StoredSecrets } from "./lib/endpoint-secrets"
import { readEndpointHealth, type EndpointHealth } from "./lib/endpoint-health"
import { resealOutboxSecrets } from "./lib/reseal-secrets"
import type { EncryptionKeys } from "../../lib/crypto/secret-box"
import type { ResealCount } from "../../lib/crypto/reseal-count"
import type { EndpointRow, PartnerRow } from "./lib/views"
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
import { PARTNER_ACCESS_TOKENS } from "./lib/access-tokens"
import { createTokenAuthority, type AccessClaims, type TokenAuthority } from "../../lib/oauth/token-authority"
import { signingKeyStore } from "../../lib/oauth/signing-key-table"
import type { IssuedAccessToken, OAuthClient, OAuthRateLimitSettings } from "../../lib/oauth/oauth-api-service"
import type { JWK } from "jose"

export type RecordEventInput = HubEventInput
export type RecordedEvent = InsertedEvent

/** A partner as the module hands it out: never its secret's hash (rows travel in workflow step data). */
const PARTNER_ROW_COLUMNS = [
  "id",
  "name",
  "client_id",
  "scopes",
  "grant_sales_channel_ids",
  "grant_company_ids",
  "revoked_at",
  "created_at",
  "updated_at",
]

type Logger = { info(message: string): void; warn(message: string): void; error(message: string): void }
type Cradle = { __pg_connection__: Knex; logger?: Logger; configModule?: { projectConfig?: { workerMode?: string } } }

/** What medusa-config.ts passes (from the configuration loaded once, src/lib/config/env.ts). */
export type OutboxModuleOptions = Pick<
  HubConfig,
  "encryptionKey" | "previousEncryptionKeys" | "redisUrl" | "queuePrefix" | "webhooks" | "oauthRateLimit"
> &
  // The metrics settings (METRICS_TOKEN, METRICS_PORT, METRICS_HOST); read from the environment when not passed.
  Partial<Pick<HubConfig, "metrics">>

/** This module's scrape-time metrics source (backy_metrics_source_up{source}). */
const OUTBOX_METRICS_SOURCE = "outbox"

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
  /** GET /health/ready's own Redis connection, made on its first PING. */
  private redisProbe_?: RedisProbe
  protected readonly metrics_: MetricsSettings

  constructor(cradle: Cradle, options: OutboxModuleOptions) {
    // eslint-disable-next-line prefer-rest-params
    super(...arguments)
    this.pg_ = cradle.__pg_connection__
    this.options_ = options
    configureHubRuntime(options)
    this.workerMode_ = cradle.configModule?.projectConfig?.workerMode ?? "shared"
    this.logger_ = cradle.logger
    this.metrics_ = options.metrics ?? loadHubConfig().metrics
    configureMetrics(this.metrics_)
    registerScrapeSource(OUTBOX_METRICS_SOURCE, () => this.collectMetrics())
  }

  /**
   * Webhook delivery workers run where Medusa runs its workers:
   * WORKER_MODE shared or worker, and with them the keeper of Medusa's job
   * schedules (the outbox's reconciler among them). Every process can
   * produce. Medusa swallows errors thrown here, so they are logged.
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
      if (this.workerMode_ === "worker") await this.startWorkerMetrics()
      // Medusa's job schedules live only in Redis: a flush would stop every job until a restart.
      const keeper = keepJobSchedules(loadHubConfig(), this.logger_ ?? console)
      if (keeper) hubRuntime.track(keeper)
    },
    onApplicationShutdown: async () => {
      await hubRuntime.close()
      this.redisProbe_?.close()
    },
  }

  // ── Metrics ───────────────────────────────────────────────────────────

  /**
   * A worker process serves no HTTP through Medusa: with METRICS_PORT set it
   * serves GET /metrics itself (same registry, same token), until shutdown.
   */
  private async startWorkerMetrics(): Promise<void> {
    const { port, host, token } = this.metrics_
    if (port === undefined) return
    try {
      const server = await startMetricsServer({ port, host, token })
      hubRuntime.track(server)
      this.logger_?.info(
        `hub: worker metrics on ${server.url}/metrics${token ? "" : " (404 until METRICS_TOKEN is set)"}`
      )
    } catch (e) {
      this.logger_?.error(`hub: worker metrics listener did not start on ${host}:${port}: ${(e as Error).message}`)
    }
  }

  /** Due deliveries per lane, the oldest one's wait and the ERP sync lag (lib/delivery-backlog.ts), in one bounded read. */
  async deliveryBacklog(): Promise<DeliveryBacklog> {
    return await readDeliveryBacklog(this.pg_)
  }

  /** Scrape-time gauges of this module: the backlog, and this process's webhook breakers. */
  protected async collectMetrics(): Promise<void> {
    const metrics = hubMetrics()
    const states = hubRuntime.webhookBreakerStates()
    for (const state of ["closed", "open", "half-open"] as const)
      metrics.breakers.set({ target: "webhook", state }, states?.[state] ?? 0)
    const backlog = await this.deliveryBacklog()
    for (const { target, lane, due, oldestDueSeconds } of backlog.lanes) {
      metrics.queueDepth.set({ target, lane }, due)
      metrics.oldestDueAge.set({ target, lane }, oldestDueSeconds)
    }
    metrics.erpSyncLag.set(backlog.erpSyncLagSeconds)
  }

  // ── Readiness (GET /health/ready; the backlog is deliveryBacklog) ─────

  /** Postgres answers a query. */
  async pingDatabase(): Promise<void> {
    await pingDatabase(this.pg_)
  }

  /** Redis (REDIS_URL) answers PING within `timeoutMs`, on a connection of its own (lib/readiness.ts). */
  async pingRedis(timeoutMs: number): Promise<void> {
    this.redisProbe_ ??= new RedisProbe(this.options_.redisUrl, timeoutMs)
    await this.redisProbe_.ping()
  }

  /** The migrations Medusa recorded as applied, every module's (mikro_orm_migrations). */
  async appliedMigrationNames(): Promise<string[]> {
    return await appliedMigrationNames(this.pg_)
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
    /** What business data it receives (lib/partner-grants.ts); default none. */
    grants?: PartnerGrants
  }): Promise<{ partner: PartnerRow; client_secret: string }> {
    const creds = generateClientCredentials("ptn")
    const client_secret_hash = await hashSecret(creds.client_secret)
    const partner = await writeSecretRow("partner", () =>
      this.createPartners({
        name: input.name,
        client_id: creds.client_id,
        client_secret_hash,
        scopes: input.scopes ?? [...PARTNER_SCOPES],
        grant_sales_channel_ids: input.grants?.sales_channel_ids ?? [],
        grant_company_ids: input.grants?.company_ids ?? [],
      })
    )
    return { partner: (await this.partnerRow(partner.id))!, client_secret: creds.client_secret }
  }

  /**
   * A new client secret (shown once); the old one stops working at once.
   * `replaced_secret_hash` is for restorePartnerSecret only, never for a response.
   */
  async rotatePartnerSecret(
    id: string
  ): Promise<{ partner: PartnerRow; client_secret: string; replaced_secret_hash: string }> {
    const row = (await this.pg_("partner").where({ id }).whereNull("deleted_at").first("client_secret_hash")) as
      | { client_secret_hash: string }
      | undefined
    if (!row) throw new MedusaError(MedusaError.Types.NOT_FOUND, `Partner ${id} was not found`)
    const { client_secret } = generateClientCredentials("ptn")
    const client_secret_hash = await hashSecret(client_secret)
    await writeSecretRow("partner", () =>
      this.pg_("partner").where({ id }).update({ client_secret_hash, updated_at: new Date() })
    )
    return { partner: (await this.partnerRow(id))!, client_secret, replaced_secret_hash: row.client_secret_hash }
  }

  /** The compensation of rotatePartnerSecret: the previous secret works again. */
  async restorePartnerSecret(id: string, clientSecretHash: string): Promise<void> {
    await writeSecretRow("partner", () =>
      this.pg_("partner").where({ id }).update({ client_secret_hash: clientSecretHash, updated_at: new Date() })
    )
  }

  async updatePartner(
    id: string,
    patch: { name?: string; scopes?: string[]; revoked?: boolean; grants?: PartnerGrants }
  ): Promise<PartnerRow> {
    const row = await this.partnerRow(id)
    if (!row) throw new MedusaError(MedusaError.Types.NOT_FOUND, `Partner ${id} was not found`)
    const changes: Record<string, unknown> = { updated_at: new Date() }
    if (patch.name !== undefined) changes.name = patch.name
    if (patch.scopes !== undefined) changes.scopes = patch.scopes
    if (patch.revoked !== undefined) changes.revoked_at = patch.revoked ? new Date() : null
    if (patch.grants !== undefined) {
      changes.grant_sales_channel_ids = patch.grants.sales_channel_ids
      changes.grant_company_ids = patch.grants.company_ids
    }
    await this.pg_("partner").where({ id }).update(changes)
    return (await this.partnerRow(id))!
  }

  /**
   * Revokes the partner's credentials and soft-deletes it. Its endpoints are
   * deleted apart (deletePartnerWorkflow), so that each write can be undone.
   */
  async removePartner(id: string): Promise<void> {
    const row = await this.partnerRow(id)
    if (!row) throw new MedusaError(MedusaError.Types.NOT_FOUND, `Partner ${id} was not found`)
    const now = new Date()
    await this.pg_("partner").where({ id }).update({ revoked_at: now, deleted_at: now, updated_at: now })
  }

  /** The compensation of updatePartner and removePartner: the partner as it was (not deleted). */
  async restorePartner(previous: PartnerRow): Promise<void> {
    await this.pg_("partner").where({ id: previous.id }).update({
      name: previous.name,
      scopes: previous.scopes,
      grant_sales_channel_ids: previous.grant_sales_channel_ids,
      grant_company_ids: previous.grant_company_ids,
      revoked_at: previous.revoked_at,
      deleted_at: null,
      updated_at: previous.updated_at,
    })
  }

  async listPartnerRows(): Promise<PartnerRow[]> {
    return (await this.pg_("partner")
      .whereNull("deleted_at")
      .orderBy("created_at", "desc")
      .select(PARTNER_ROW_COLUMNS)) as PartnerRow[]
  }

  async partnerRow(id: string): Promise<PartnerRow | undefined> {
    return (await this.pg_("partner").where({ id }).whereNull("deleted_at").first(PARTNER_ROW_COLUMNS)) as
      | PartnerRow
      | undefined
  }

  async partnerByClientId(clientId: string): Promise<PartnerRow | undefined> {
    return (await this.pg_("partner")
      .where({ client_id: clientId })
      .whereNull("deleted_at")
      .first(PARTNER_ROW_COLUMNS)) as PartnerRow | undefined
  }

  grantedScopes(partner: PartnerRow): string[] {
    return partner.scopes ?? [...PARTNER_SCOPES]
  }

  // ── Endpoints ─────────────────────────────────────────────────────────
  // The partner and admin APIs' endpoint and delivery calls (lib/endpoint-admin.ts,
  // lib/delivery-admin.ts), each write with the one that undoes it. `partnerId`
  // scopes a call to one partner: another partner's endpoint or delivery is 404.

  /** The secret an endpoint signs with now, opened with the module's key (for the demo's partner receiver). */
  async currentSigningSecret(endpointId: string): Promise<string | undefined> {
    const [endpoint] = await this.listWebhookEndpoints({ id: endpointId }, { select: ["id", "secrets"] })
    return openSecrets(endpoint?.secrets as unknown as StoredSecrets, this.options_, endpointId)[0]?.secret
  }

  async createEndpoint(partnerId: string, input: EndpointInput): Promise<{ endpoint: EndpointRow; secret: string }> {
    if (!(await this.partnerRow(partnerId)))
      throw new MedusaError(MedusaError.Types.INVALID_DATA, `partner_id: partner ${partnerId} does not exist`)
    return await createEndpoint(this.pg_, this.options_, partnerId, input)
  }

  async endpointRow(id: string, partnerId?: string): Promise<EndpointRow> {
    return await loadEndpoint(this.pg_, id, partnerId)
  }

  /** Newest first. */
  async listEndpointRows(filters: { partner_id?: string; enabled?: boolean }): Promise<EndpointRow[]> {
    const query = this.pg_("webhook_endpoint")
      .whereNull("deleted_at")
      .orderBy([
        { column: "created_at", order: "desc" },
        { column: "id", order: "desc" },
      ])
    if (filters.partner_id) query.where({ partner_id: filters.partner_id })
    if (filters.enabled === true) query.whereNull("disabled_at")
    if (filters.enabled === false) query.whereNotNull("disabled_at")
    return (await query.select("*")) as EndpointRow[]
  }

  /** How each endpoint's latest deliveries ended and its breaker here (lib/endpoint-health.ts). */
  async endpointHealth(endpointIds: string[]): Promise<Map<string, EndpointHealth>> {
    return await readEndpointHealth(this.pg_, endpointIds, (id) => hubRuntime.webhookBreakerState(id))
  }

  async updateEndpoint(id: string, patch: EndpointPatch, partnerId?: string): Promise<EndpointRow> {
    return await updateEndpoint(this.pg_, id, patch, partnerId)
  }

  async restoreEndpointSettings(previous: EndpointRow): Promise<void> {
    await restoreEndpointSettings(this.pg_, previous)
  }

  async rotateEndpointSecret(id: string, gracePeriodMs?: number, partnerId?: string) {
    return await rotateEndpointSecret(this.pg_, this.options_, id, gracePeriodMs, partnerId)
  }

  async restoreEndpointSecrets(id: string, secrets: StoredSecrets): Promise<void> {
    await restoreEndpointSecrets(this.pg_, id, secrets)
  }

  /** Records a `webhook.test` event for the endpoint only; enqueueWebhookDeliveries sends it. */
  async recordTestEvent(id: string, partnerId?: string): Promise<{ event_id: string; delivery_id: string }> {
    return await recordTestEvent(this.pg_, id, partnerId)
  }

  // ── Endpoint deliveries ───────────────────────────────────────────────

  async pageDeliveries(filters: DeliveryFilters, page: { limit: number; cursor?: string }) {
    return await pageDeliveries(this.pg_, filters, page)
  }

  async deliveryDetail(id: string, partnerId?: string) {
    return await deliveryDetail(this.pg_, id, partnerId)
  }

  async retryDelivery(id: string, partnerId?: string) {
    return await retryDelivery(this.pg_, id, partnerId)
  }

  /** Re-queues the endpoint's failed deliveries since `since`; returns them as they were. */
  async recoverEndpoint(
    endpointId: string,
    range: { since: Date; until?: Date },
    partnerId?: string
  ): Promise<DeliveryState[]> {
    return await recoverEndpoint(this.pg_, endpointId, range, partnerId)
  }

  async restoreDeliveryStates(states: DeliveryState[]): Promise<void> {
    await restoreDeliveryStates(this.pg_, states)
  }

  /** Cancels the pending deliveries of deleted endpoints; returns their ids. */
  async cancelEndpointDeliveries(endpointIds: string[], reason: string): Promise<string[]> {
    return await cancelEndpointDeliveries(this.pg_, endpointIds, reason)
  }

  async restoreCanceledDeliveries(ids: string[], reason: string): Promise<void> {
    await restoreCanceledDeliveries(this.pg_, ids, reason)
  }

  /**
   * Hands pending webhook deliveries to a queue lane. Best effort: the rows
   * are pending in Postgres, the reconciler enqueues what Redis did not take.
   */
  async enqueueWebhookDeliveries(ids: string[], lane: "first" | "retry"): Promise<void> {
    await hubRuntime.enqueueWebhookDeliveries(ids, lane).catch((e: Error) => {
      this.logger_?.warn(`hub: enqueue failed, the reconciler will pick the deliveries up: ${e.message}`)
    })
  }

  // ── Secrets at rest ───────────────────────────────────────────────────

  /**
   * Seals every secret this module stores (endpoint secrets, partner signing
   * keys) again under the current key, in one transaction (lib/reseal-secrets.ts);
   * `npm run secrets:rotate`. `keys`: the module's own unless a test passes others.
   */
  async resealSecrets(keys: EncryptionKeys = this.options_): Promise<ResealCount[]> {
    return await resealOutboxSecrets(this.pg_, keys)
  }

  // ── OAuth API (/partners/oauth/token, /partners/jwks.json, bearer tokens on /partners/*) ──
  // This module's side of OAuthApiService (src/lib/oauth/oauth-api-service.ts),
  // used by the shared grant, JWKS route and bearer guard (src/api/utils/oauth).
  // Tokens are signed with partner_signing_key's keys, sealed with this
  // module's encryption key: neither ever reaches a route.

  private accessTokens_?: TokenAuthority

  /** Created on first use: options_ is set after MedusaService's constructor. */
  private accessTokens(): TokenAuthority {
    this.accessTokens_ ??= createTokenAuthority({
      ...PARTNER_ACCESS_TOKENS,
      encryptionKey: this.options_.encryptionKey,
      previousEncryptionKeys: this.options_.previousEncryptionKeys,
      keys: signingKeyStore("partner signing key", {
        list: (filters, config) => this.listPartnerSigningKeys(filters, config),
        create: (key) => this.createPartnerSigningKeys(key),
      }),
    })
    return this.accessTokens_
  }

  /** The partner registered as `clientId` with its secret's hash, read now (a revocation applies at once). */
  async findOAuthClientForGrant(clientId: string): Promise<{ client: OAuthClient; secretHash: string } | undefined> {
    const row = (await this.pg_("partner").where({ client_id: clientId }).whereNull("deleted_at").first()) as
      | (PartnerRow & { client_secret_hash: string })
      | undefined
    return row && { client: this.oauthClientOf(row), secretHash: row.client_secret_hash }
  }

  /** The partner behind a token, read at each call (a revocation applies at once). */
  async findOAuthClient(clientId: string): Promise<OAuthClient | undefined> {
    const row = await this.partnerByClientId(clientId)
    return row && this.oauthClientOf(row)
  }

  async issueAccessToken(clientId: string, scopes: string[], ttlSeconds?: number): Promise<IssuedAccessToken> {
    const access_token = await this.accessTokens().issue(clientId, scopes, ttlSeconds)
    return { access_token, expires_in: ttlSeconds ?? this.accessTokens().ttlSeconds }
  }

  async verifyAccessToken(token: string): Promise<AccessClaims> {
    return await this.accessTokens().verify(token)
  }

  /** Every key not deleted, retired ones included (their tokens stay valid until they expire). */
  async publishedSigningKeys(): Promise<JWK[]> {
    return (await this.accessTokens().publicKeys()).keys
  }

  oauthRateLimitSettings(): OAuthRateLimitSettings {
    const { redisUrl, queuePrefix, oauthRateLimit } = this.options_
    return { redisUrl, queuePrefix, oauthRateLimit }
  }

  private oauthClientOf(row: PartnerRow): OAuthClient {
    return { id: row.id, client_id: row.client_id, scopes: this.grantedScopes(row), revoked_at: row.revoked_at }
  }

  // ── end of OAuth API ──
}

export default OutboxModuleService
