import { createHash } from "node:crypto"
import { generateEntityId, MedusaError, MedusaService } from "@medusajs/framework/utils"
import type { Knex } from "@medusajs/framework/mikro-orm/knex"
import type { InferTypeOf } from "@medusajs/framework/types"
import { defaultBreakerRegistry, isErpError, type ConnectorKind, type ErpConnector } from "../../../connectors"
import { hubMetrics } from "../../lib/metrics/registry"
import { registerScrapeSource } from "../../lib/metrics/scrape"
import { ErpConnection } from "./models/erp-connection"
import { ErpOrderFeed } from "./models/erp-order-feed"
import { ErpOrderLink } from "./models/erp-order-link"
import { ErpPullClient } from "./models/erp-pull-client"
import { ErpShipment } from "./models/erp-shipment"
import { ErpSigningKey } from "./models/erp-signing-key"
import { decodeCursor, encodeCursor, FeedPosition } from "./lib/order-feed-cursor"
import { PullGrants } from "./lib/grants"
import { orderFeedPageQuery, toPgPlaceholders } from "./lib/order-feed-query"
import { generateClientCredentials, hashSecret } from "../../lib/crypto/client-secret"
import type { EncryptionKeys } from "../../lib/crypto/secret-box"
import type { ResealCount } from "../../lib/crypto/reseal-count"
import type { HubConfig } from "../../lib/config/env"
import { writeSecretRow } from "../../lib/errors/secret-row-write"
import { hubRuntime } from "../outbox/lib/runtime"
import { startErpWorker } from "./lib/sync/erp-worker"
import { ERP_ACCESS_TOKENS } from "./lib/access-tokens"
import { createTokenAuthority, type AccessClaims, type TokenAuthority } from "../../lib/oauth/token-authority"
import { signingKeyStore } from "../../lib/oauth/signing-key-table"
import type { IssuedAccessToken, OAuthRateLimitSettings } from "../../lib/oauth/oauth-api-service"
import type { JWK } from "jose"
import { ERP_CONNECTION_DEFAULTS } from "./lib/connection-defaults"
import {
  connectorFor,
  connectorWithCredentials,
  type ConnectionRow,
  type ErpCredentials,
} from "./lib/sync/connector-cache"
import { openConnectionCredentials, sealConnectionCredentials } from "./lib/sync/connection-credentials"
import { resealErpSecrets } from "./lib/reseal-secrets"
import { listEnabledErpConnections, loadErpConnection, type ErpConnectionRecord } from "./lib/sync/connections"
import { sendFulfillmentRequest, type ErpFulfillmentState } from "./lib/sync/fulfillment-requests"

type Logger = { info(message: string): void; warn(message: string): void; error(message: string): void }
type Cradle = { __pg_connection__: Knex; logger?: Logger; configModule?: { projectConfig?: { workerMode?: string } } }

/** What medusa-config.ts passes (from the configuration loaded once, src/lib/config/env.ts). */
export type ErpModuleOptions = Pick<
  HubConfig,
  "encryptionKey" | "previousEncryptionKeys" | "redisUrl" | "queuePrefix" | "oauthRateLimit"
>

export type PullClientAccess = {
  id: string
  client_id: string
  scopes: string[]
  sales_channel_ids: string[]
  company_ids: string[]
  revoked_at: Date | null
}

export type FeedPage = { documents_json: string[]; next_cursor: string | null; has_more: boolean }

/** How long a pull client's row (grants, revocation) is trusted without reading it again. */
export const PULL_CLIENT_CACHE_MS = 2_000
const pullClientCache = new Map<string, { client: PullClientAccess | null; until: number }>()
/** Statement names by query text (one text per grants shape). */
const preparedNames = new Map<string, string>()
type PgConnection = { query(q: { name: string; text: string; values: unknown[] }): Promise<{ rows: unknown[] }> }

/** Upper bound of a page; ERPs ask for more, they get this many. */
export const MAX_PAGE_SIZE = 500

export type ErpConnectionDTO = InferTypeOf<typeof ErpConnection>

/** A new connection as the admin API takes it: plain credentials, sealed by the module. */
export type CreateErpConnectionInput = {
  name: string
  kind: ConnectorKind
  settings: Record<string, unknown>
  credentials?: ErpCredentials | null
  enabled?: boolean
  concurrency?: number
  max_attempts?: number
  retry_base_ms?: number
}

/** Changes to a connection: `credentials` replaces the stored ones, `null` removes them, absent keeps them. */
export type UpdateErpConnectionInput = Partial<Omit<CreateErpConnectionInput, "kind">>

/**
 * Settings a connection would have: the given values, the stored
 * connection's (when `id` names one) for the others.
 */
export type ConnectorCandidate = {
  id?: string
  kind?: ConnectorKind
  settings?: Record<string, unknown>
  /** Plain credentials; `null` for none, absent for the stored ones. */
  credentials?: ErpCredentials | null
  concurrency?: number
}

class ErpModuleService extends MedusaService({
  ErpConnection,
  ErpOrderLink,
  ErpPullClient,
  ErpSigningKey,
  ErpOrderFeed,
  ErpShipment,
}) {
  protected readonly pg_: Knex
  protected readonly workerMode_: string
  protected readonly logger_?: Logger
  protected readonly options_: ErpModuleOptions

  constructor(cradle: Cradle, options: ErpModuleOptions) {
    // eslint-disable-next-line prefer-rest-params
    super(...arguments)
    this.pg_ = cradle.__pg_connection__
    this.options_ = options
    this.workerMode_ = cradle.configModule?.projectConfig?.workerMode ?? "shared"
    this.logger_ = cradle.logger
    registerScrapeSource("erp", async () => this.collectBreakerMetrics())
  }

  /**
   * backy_breakers{target="erp"}: this process's connection breakers by state
   * (the connectors' process-wide registry; the sync backlog and lag are the
   * outbox's deliveries, counted there).
   */
  protected collectBreakerMetrics(): void {
    const counts = { closed: 0, open: 0, "half-open": 0 }
    for (const key of defaultBreakerRegistry.keys()) {
      const state = defaultBreakerRegistry.state(key)
      if (state) counts[state] += 1
    }
    const { breakers } = hubMetrics()
    for (const [state, count] of Object.entries(counts)) breakers.set({ target: "erp", state }, count)
  }

  /**
   * The ERP sync worker runs where Medusa runs its workers (WORKER_MODE shared
   * or worker). It is a consumer of the outbox's deliveries, so the outbox's
   * runtime closes it (before the queues it enqueues into) at shutdown.
   */
  __hooks = {
    onApplicationStart: async () => {
      if (this.workerMode_ === "server") return
      try {
        hubRuntime.track(startErpWorker(this.pg_, this.options_, this.logger_))
      } catch (e) {
        this.logger_?.error(`erp: sync worker did not start: ${(e as Error).message}`)
        throw e
      }
    },
  }

  /**
   * Stores the latest document of an order for the pull API. Writers are
   * serialized by an advisory lock and updated_at is strictly increasing, so
   * commit order = feed order and a reader's keyset walk never skips a row.
   * Stale versions (older than the stored one) are ignored.
   */
  async upsertOrderDocument(doc: {
    id: string
    updated_at: string
    sales_channel_id: string | null
    company_id: string | null
  }): Promise<void> {
    await this.pg_.transaction(async (trx) => {
      await trx.raw("select pg_advisory_xact_lock(hashtext('erp_order_feed'))")
      await trx.raw(
        `insert into erp_order_feed (id, order_id, sales_channel_id, company_id, version, document, created_at, updated_at)
         values ('erpf_' || replace(gen_random_uuid()::text, '-', ''), ?, ?, ?, 1, ?::jsonb, now(),
                 greatest(clock_timestamp(), coalesce((select max(updated_at) from erp_order_feed where deleted_at is null), 'epoch') + interval '1 microsecond'))
         on conflict (order_id) where deleted_at is null do update set
           document = excluded.document,
           sales_channel_id = excluded.sales_channel_id,
           company_id = excluded.company_id,
           version = erp_order_feed.version + 1,
           updated_at = excluded.updated_at
         where (erp_order_feed.document->>'updated_at') is null
            or (erp_order_feed.document->>'updated_at') <= (excluded.document->>'updated_at')`,
        [doc.id, doc.sales_channel_id, doc.company_id, JSON.stringify(doc)]
      )
    })
  }

  /**
   * One page of the feed in (updated_at, order_id) order, as JSON text (the
   * documents are served as stored: no parse/serialize round trip).
   */
  async pageOrderDocuments(input: {
    grants: PullGrants
    updated_since?: Date
    cursor?: string
    limit: number
  }): Promise<FeedPage> {
    const limit = Math.min(Math.max(1, input.limit), MAX_PAGE_SIZE)
    let position: FeedPosition | null = null
    if (input.cursor) {
      position = decodeCursor(input.cursor)
      if (!position) throw new MedusaError(MedusaError.Types.INVALID_DATA, "cursor: not a cursor returned by this API")
    }
    if (!input.grants.sales_channel_ids.length)
      return { documents_json: [], has_more: false, next_cursor: input.cursor ?? null }
    const { sql, bindings } = orderFeedPageQuery({
      grants: input.grants,
      position,
      updated_since: input.updated_since,
      limit,
    })
    const rows = await this.preparedQuery<{ order_id: string; position: string; json: string }>(sql, bindings)
    const page = rows.slice(0, limit) as { order_id: string; position: string; json: string }[]
    const last = page[page.length - 1]
    return {
      documents_json: page.map((r) => r.json),
      has_more: rows.length > limit,
      next_cursor: last ? encodeCursor({ updated_at: last.position, order_id: last.order_id }) : (input.cursor ?? null),
    }
  }

  /**
   * Runs `sql` as a named prepared statement on a pooled connection: the
   * pull API's page query is planned once per connection and read without
   * knex's per-query overhead (together about half the cost of a page).
   */
  private async preparedQuery<R>(sql: string, bindings: (string | number | Date)[]): Promise<R[]> {
    let name = preparedNames.get(sql)
    if (!name) {
      name = `erp_feed_${createHash("sha1").update(sql).digest("hex").slice(0, 16)}`
      preparedNames.set(sql, name)
    }
    const client = this.pg_.client as {
      acquireConnection(): Promise<PgConnection>
      releaseConnection(c: PgConnection): Promise<void>
    }
    const connection = await client.acquireConnection()
    try {
      return (await connection.query({ name, text: toPgPlaceholders(sql), values: bindings })).rows as R[]
    } finally {
      await client.releaseConnection(connection)
    }
  }

  // ── Connections ───────────────────────────────────────────────────────

  /**
   * Builds the connector a connection would get, without caching it, so
   * settings or credentials that cannot work are a 400 naming what is
   * missing before anything is written. 404 when `id` names no connection.
   */
  async validateConnector(candidate: ConnectorCandidate): Promise<void> {
    const stored = candidate.id ? await this.retrieveErpConnection(candidate.id) : null
    const kind = candidate.kind ?? stored?.kind
    if (!kind) throw new MedusaError(MedusaError.Types.INVALID_DATA, "kind: is required")
    const credentials =
      candidate.credentials !== undefined
        ? (candidate.credentials ?? undefined)
        : stored?.credentials_encrypted
          ? openConnectionCredentials(stored.id, stored.credentials_encrypted, this.options_)
          : undefined
    try {
      connectorWithCredentials(
        {
          id: candidate.id ?? "new",
          kind,
          settings: candidate.settings ?? stored?.settings ?? {},
          concurrency: candidate.concurrency ?? stored?.concurrency,
        },
        credentials
      )
    } catch (e) {
      throw new MedusaError(
        MedusaError.Types.INVALID_DATA,
        `settings/credentials: ${isErpError(e) ? e.message : (e as Error).message}`
      )
    }
  }

  /** Creates a connection: credentials are sealed at rest, left-out values get ERP_CONNECTION_DEFAULTS. */
  async createConnection(input: CreateErpConnectionInput): Promise<ErpConnectionDTO> {
    // The id first: the sealed credentials are bound to their row.
    const id = generateEntityId(undefined, "erpc")
    return await writeSecretRow("ERP connection", () =>
      this.createErpConnections({
        id,
        name: input.name,
        kind: input.kind,
        settings: input.settings,
        credentials_encrypted: this.sealCredentials(id, input.credentials),
        enabled: input.enabled ?? ERP_CONNECTION_DEFAULTS.enabled,
        concurrency: input.concurrency ?? ERP_CONNECTION_DEFAULTS.concurrency,
        max_attempts: input.max_attempts ?? ERP_CONNECTION_DEFAULTS.max_attempts,
        retry_base_ms: input.retry_base_ms ?? ERP_CONNECTION_DEFAULTS.retry_base_ms,
      })
    )
  }

  /** Changes a connection; new credentials are sealed. The next sync uses the new values (connector-cache). */
  async updateConnection(id: string, changes: UpdateErpConnectionInput): Promise<ErpConnectionDTO> {
    const { credentials, ...rest } = changes
    return await writeSecretRow("ERP connection", () =>
      this.updateErpConnections({
        id,
        ...rest,
        ...(credentials !== undefined ? { credentials_encrypted: this.sealCredentials(id, credentials) } : {}),
      })
    )
  }

  /** A connection by id, or the default one (the oldest enabled); null when there is none. */
  async loadConnection(id?: string | null): Promise<ErpConnectionRecord | null> {
    return await loadErpConnection(this.pg_, id)
  }

  /** The enabled connections, oldest first. */
  async listEnabledConnections(): Promise<ErpConnectionRecord[]> {
    return await listEnabledErpConnections(this.pg_)
  }

  /** The connection's connector (cached per connection version), its credentials opened with the module's key. */
  connectorFor(connection: ConnectionRow): ErpConnector {
    return connectorFor(connection, this.options_)
  }

  /** The connector of connection `id` (404 when there is none). */
  async connectorForConnection(id: string): Promise<ErpConnector> {
    const connection = await this.retrieveErpConnection(id)
    return this.connectorFor(connection)
  }

  /** Sends (or sends again) a fulfillment request through the connection (lib/sync/fulfillment-requests.ts). */
  async sendFulfillmentRequest(connection: ConnectionRow, state: ErpFulfillmentState): Promise<ErpFulfillmentState> {
    return await sendFulfillmentRequest(connection, state, this.options_)
  }

  /** Connection names by id, removed connections included (their syncs stay in the log). */
  async connectionNames(ids: string[]): Promise<Map<string, string>> {
    if (!ids.length) return new Map()
    const connections = await this.listErpConnections(
      { id: [...new Set(ids)] },
      { select: ["id", "name"], withDeleted: true }
    )
    return new Map(connections.map((c) => [c.id, c.name]))
  }

  /**
   * The ERP's id of each (order, connection) pair that has one, keyed by
   * `orderConnectionKey`.
   */
  async orderErpIds(pairs: { order_id: string; connection_id: string }[]): Promise<Map<string, string>> {
    if (!pairs.length) return new Map()
    const links = await this.listErpOrderLinks(
      {
        order_id: [...new Set(pairs.map((p) => p.order_id))],
        connection_id: [...new Set(pairs.map((p) => p.connection_id))],
      },
      { select: ["order_id", "connection_id", "erp_id"] }
    )
    return new Map(links.map((l) => [orderConnectionKey(l.order_id, l.connection_id ?? ""), l.erp_id]))
  }

  private sealCredentials(connectionId: string, credentials: ErpCredentials | null | undefined): string | null {
    return credentials ? sealConnectionCredentials(connectionId, credentials, this.options_) : null
  }

  // ── Secrets at rest ───────────────────────────────────────────────────

  /**
   * Seals every secret this module stores (connection credentials, signing
   * keys) again under the current key, in one transaction (lib/reseal-secrets.ts);
   * `npm run secrets:rotate`. `keys`: the module's own unless a test passes others.
   */
  async resealSecrets(keys: EncryptionKeys = this.options_): Promise<ResealCount[]> {
    return await resealErpSecrets(this.pg_, keys)
  }

  // ── Pull clients ──────────────────────────────────────────────────────

  /** Creates a pull client with client credentials; the secret is returned here only (stored as a scrypt hash). */
  async issuePullClient(input: { name: string; scopes: string[]; sales_channel_ids: string[]; company_ids: string[] }) {
    const credentials = generateClientCredentials("erp")
    const client_secret_hash = await hashSecret(credentials.client_secret)
    const pull_client = await writeSecretRow("ERP pull client", () =>
      this.createErpPullClients({ ...input, client_id: credentials.client_id, client_secret_hash })
    )
    return { pull_client, client_secret: credentials.client_secret }
  }

  /**
   * The pull client behind a token, by its public client id. Every API call
   * checks it (a revoked client's tokens stop working), so the row is cached
   * for PULL_CLIENT_CACHE_MS: a revocation applies at once in the process
   * that made it (see revokePullClient) and within that time everywhere else.
   */
  async getPullClient(clientId: string): Promise<PullClientAccess | null> {
    const hit = pullClientCache.get(clientId)
    if (hit && hit.until > Date.now()) return hit.client
    const { rows } = await this.pg_.raw(
      `select id, client_id, scopes, sales_channel_ids, company_ids, revoked_at
         from erp_pull_client where client_id = ? and deleted_at is null`,
      [clientId]
    )
    const client: PullClientAccess | null = rows[0] ?? null
    if (pullClientCache.size >= 10_000) pullClientCache.clear()
    pullClientCache.set(clientId, { client, until: Date.now() + PULL_CLIENT_CACHE_MS })
    return client
  }

  /** Revokes a pull client: no new tokens, and its tokens stop working (see getPullClient). Idempotent. */
  async revokePullClient(id: string) {
    const client = await this.retrieveErpPullClient(id)
    const revoked = client.revoked_at ? client : await this.updateErpPullClients({ id, revoked_at: new Date() })
    pullClientCache.delete(client.client_id)
    return revoked
  }

  async getOrderDocument(
    orderId: string
  ): Promise<{ json: string; sales_channel_id: string | null; company_id: string | null } | null> {
    const { rows } = await this.pg_.raw(
      "select document::text as json, sales_channel_id, company_id from erp_order_feed where order_id = ? and deleted_at is null",
      [orderId]
    )
    return rows[0] ?? null
  }

  /**
   * Records the ERP's id for an order, once per pull client. The same ack
   * again is a no-op; a different ERP id for the same order is a conflict.
   * Concurrent identical acks are safe (insert … on conflict do nothing).
   */
  async acknowledgeOrder(input: {
    order_id: string
    pull_client_id: string
    erp_id: string
  }): Promise<{ created: boolean }> {
    const { rows } = await this.pg_.raw(
      `insert into erp_order_link (id, order_id, pull_client_id, erp_id, created_at, updated_at)
       values (?, ?, ?, ?, now(), now())
       on conflict (order_id, pull_client_id) where pull_client_id is not null and deleted_at is null do nothing
       returning id`,
      [generateEntityId(undefined, "erpl"), input.order_id, input.pull_client_id, input.erp_id]
    )
    if (rows.length) return { created: true }
    const [existing] = await this.listErpOrderLinks({ order_id: input.order_id, pull_client_id: input.pull_client_id })
    if (existing && existing.erp_id !== input.erp_id) {
      throw new MedusaError(
        MedusaError.Types.CONFLICT,
        `erp_id: order ${input.order_id} was already acknowledged as ${existing.erp_id}`
      )
    }
    return { created: false }
  }

  /**
   * Claims a reported shipment for recording: true the first time this
   * (source, ERP shipment id) is seen, false when it was already recorded.
   */
  async claimShipment(input: {
    source_type: "connection" | "pull_client"
    source_id: string
    erp_id: string
    order_id: string
    fulfillment_id: string
    tracking_numbers: string[]
    carrier?: string | null
    shipped_at?: Date | null
  }): Promise<{ created: boolean; fulfillment_id: string }> {
    const { rows } = await this.pg_.raw(
      `insert into erp_shipment (id, source_type, source_id, erp_id, order_id, fulfillment_id, tracking_numbers, carrier, shipped_at, created_at, updated_at)
       values (?, ?, ?, ?, ?, ?, ?, ?, ?, now(), now())
       on conflict (source_type, source_id, erp_id) where deleted_at is null do nothing
       returning fulfillment_id`,
      [
        generateEntityId(undefined, "erps"),
        input.source_type,
        input.source_id,
        input.erp_id,
        input.order_id,
        input.fulfillment_id,
        input.tracking_numbers,
        input.carrier ?? null,
        input.shipped_at ?? null,
      ]
    )
    if (rows.length) return { created: true, fulfillment_id: input.fulfillment_id }
    const [existing] = await this.listErpShipments({
      source_type: input.source_type,
      source_id: input.source_id,
      erp_id: input.erp_id,
    })
    return { created: false, fulfillment_id: existing?.fulfillment_id ?? input.fulfillment_id }
  }

  /** Forgets a claimed shipment whose recording in Medusa failed, so the next report retries it. */
  async releaseShipment(input: {
    source_type: "connection" | "pull_client"
    source_id: string
    erp_id: string
  }): Promise<void> {
    await this.pg_.raw("delete from erp_shipment where source_type = ? and source_id = ? and erp_id = ?", [
      input.source_type,
      input.source_id,
      input.erp_id,
    ])
  }

  // ── OAuth API (/erp/oauth/token, /erp/jwks.json, bearer tokens on /erp/*) ──
  // This module's side of OAuthApiService (src/lib/oauth/oauth-api-service.ts),
  // used by the shared grant, JWKS route and bearer guard (src/api/utils/oauth).
  // Tokens are signed with erp_signing_key's keys, sealed with this module's
  // encryption key: neither ever reaches a route.

  private accessTokens_?: TokenAuthority

  /** Created on first use: options_ is set after MedusaService's constructor. */
  private accessTokens(): TokenAuthority {
    this.accessTokens_ ??= createTokenAuthority({
      ...ERP_ACCESS_TOKENS,
      encryptionKey: this.options_.encryptionKey,
      previousEncryptionKeys: this.options_.previousEncryptionKeys,
      keys: signingKeyStore("ERP signing key", {
        list: (filters, config) => this.listErpSigningKeys(filters, config),
        create: (key) => this.createErpSigningKeys(key),
      }),
    })
    return this.accessTokens_
  }

  /** The pull client registered as `clientId` with its secret's hash, read now (a revocation applies at once). */
  async findOAuthClientForGrant(
    clientId: string
  ): Promise<{ client: PullClientAccess; secretHash: string } | undefined> {
    const [row] = await this.listErpPullClients({ client_id: clientId })
    if (!row) return undefined
    const { id, client_id, scopes, sales_channel_ids, company_ids, revoked_at } = row
    return {
      client: { id, client_id, scopes, sales_channel_ids, company_ids, revoked_at },
      secretHash: row.client_secret_hash,
    }
  }

  /** The pull client behind a token, cached briefly (see getPullClient). */
  async findOAuthClient(clientId: string): Promise<PullClientAccess | undefined> {
    return (await this.getPullClient(clientId)) ?? undefined
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

  // ── end of OAuth API ──
}

/** The key of an (order, connection) pair in `orderErpIds`' answer. */
export const orderConnectionKey = (orderId: string, connectionId: string) => `${orderId}:${connectionId}`

export default ErpModuleService
