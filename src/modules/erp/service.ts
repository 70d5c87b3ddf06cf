import { createHash } from "node:crypto"
import { generateEntityId, MedusaError, MedusaService } from "@medusajs/framework/utils"
import type { Knex } from "@medusajs/framework/mikro-orm/knex"
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
import type { HubConfig } from "../../lib/config/env"
import { writeSecretRow } from "../../lib/errors/secret-row-write"
import { hubRuntime } from "../outbox/lib/runtime"
import { startErpWorker } from "./lib/sync/erp-worker"
import { ERP_ACCESS_TOKENS } from "./lib/access-tokens"
import { createTokenAuthority, type AccessClaims, type TokenAuthority } from "../../lib/oauth/token-authority"
import { signingKeyStore } from "../../lib/oauth/signing-key-table"
import type { IssuedAccessToken, OAuthRateLimitSettings } from "../../lib/oauth/oauth-api-service"
import type { JWK } from "jose"

type Logger = { warn(message: string): void; error(message: string): void }
type Cradle = { __pg_connection__: Knex; logger?: Logger; configModule?: { projectConfig?: { workerMode?: string } } }

/** What medusa-config.ts passes (from the configuration loaded once, src/lib/config/env.ts). */
export type ErpModuleOptions = Pick<HubConfig, "encryptionKey" | "redisUrl" | "queuePrefix" | "oauthRateLimit">

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
        hubRuntime.track(startErpWorker(this.pg_, this.logger_))
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

export default ErpModuleService
