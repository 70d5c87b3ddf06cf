/**
 * An in-process ERP on 127.0.0.1 speaking three dialects, for tests, the demo and benchmarks:
 *
 * - NetSuite REST under `netsuiteBaseUrl` (OAuth 2.0 M2M token endpoint with JWT client
 *   assertion, `PUT …/salesOrder/eid:<id>` upserts, transforms, itemFulfillments);
 * - Business Central API v2.0 under `businessCentralBaseUrl` (Entra-style token endpoint,
 *   salesOrders/salesOrderLines/customers/salesShipments with ETags, salesCreditMemos with lines);
 * - a generic JSON REST ERP under `genericBaseUrl`.
 *
 * It stores what it receives keyed like the real APIs, counts creates and writes per order,
 * and can be told to go down, slow down, throttle (429 + Retry-After) or fail. Point a
 * connector at it with `settings.baseUrl/tokenUrl` (NetSuite), `apiRoot/tokenUrl` (BC) or
 * `baseUrl` + `auth.tokenUrl` (generic). The same controls are reachable over HTTP under
 * `/_sandbox/…` (see `control.ts`).
 */
import { randomUUID, type KeyObject } from "node:crypto"
import { createServer } from "node:http"
import type { Socket } from "node:net"
import { listen } from "../lib/listen"
import { createBusinessCentralHandler, type BusinessCentralNumbering } from "./business-central"
import { createControl } from "./control"
import { createGenericHandler } from "./generic"
import { createNetSuiteHandler } from "./netsuite"
import {
  createListener,
  newStats,
  type DownMode,
  type FaultState,
  type RequestTarget,
  type SandboxStats,
} from "./server"
import {
  ErpStore,
  nowIso,
  snapshot,
  type SandboxKind,
  type StoredCustomer,
  type StoredFulfillment,
  type StoredOrder,
  type StoredShipment,
} from "./store"
import { NETSUITE_TOKEN_PATH, TokenIssuer } from "./tokens"
import type { BusinessCentralSetup } from "./totals/business-central"
import { storedOrderTotal } from "./totals/stored"

export type { DownMode, RequestTarget, SandboxStats } from "./server"
export type { SandboxKind, StoredCustomer, StoredFulfillment, StoredLine, StoredOrder, StoredShipment } from "./store"
export { netSuiteTotals } from "./totals/netsuite"
export type { NetSuiteTotals } from "./totals/netsuite"
export { bcDocumentTotals, bcLineAmounts } from "./totals/business-central"
export type { BcDocumentTotals, BusinessCentralSetup } from "./totals/business-central"
export type { BusinessCentralNumbering } from "./business-central"
export { genericOrderTotal } from "./totals/generic"

export interface ErpSandboxOptions {
  /** Default: any free port. */
  port?: number
  /** Delay before every ERP answer (not the control surface). */
  latencyMs?: number
  /** Require exactly these client credentials (BC/generic tokens, generic Basic; NetSuite: the client id). */
  credentials?: { clientId: string; clientSecret: string }
  /** Verify NetSuite client assertions against this certificate public key. */
  netsuitePublicKey?: KeyObject | string
  /** Scopes enabled on the NetSuite integration record; a token asking for others is refused. Default: any. */
  netsuiteScopes?: string[]
  /** Access-token lifetime. Default 3600. */
  tokenTtlSeconds?: number
  /** Bearer tokens the generic ERP accepts without a token request. Default `["erp-sandbox-token"]`. */
  staticBearerTokens?: string[]
  /** NetSuite account concurrency limit (429 CONCURRENCY_LIMIT_EXCEEDED past it). Default none. */
  netsuiteConcurrencyLimit?: number
  /**
   * Business Central's setup for its amounts (totals/business-central.ts): local currency (default
   * USD) and tax code → percent (default none: every line at 0 %); and its customer number series
   * (business-central.ts, default: CUST, manual numbers allowed).
   */
  businessCentral?: Partial<BusinessCentralSetup> & Partial<BusinessCentralNumbering>
}

export interface AddShipmentInput {
  orderId: string
  trackingNumber: string
  carrier?: string
  /** Default: the kind that holds the order (NetSuite, then BC, then generic). */
  kind?: SandboxKind
  /** Default: every item line of the order, in full. */
  lines?: Array<{ sku: string; quantity: number; lineId?: string }>
  shippedAt?: string
}

export interface ErpSandbox {
  url: string
  port: number
  /** NetSuite connector `settings.baseUrl`. */
  netsuiteBaseUrl: string
  netsuiteTokenUrl: string
  /** Business Central connector `settings.apiRoot`. */
  businessCentralBaseUrl: string
  businessCentralTokenUrl: string
  /** Generic connector `settings.baseUrl`. */
  genericBaseUrl: string
  genericTokenUrl: string
  tokenUrls: Record<SandboxKind, string>
  /** Every stored order (cancelled ones included), optionally of one kind. */
  salesOrders(kind?: SandboxKind): StoredOrder[]
  /** The (first) order with this external id. */
  salesOrder(externalId: string, kind?: SandboxKind): StoredOrder | undefined
  customers(kind?: SandboxKind): StoredCustomer[]
  /** NetSuite transforms, generic fulfillments, and BC orders with a Qty. to Ship set. */
  fulfillmentRequests(kind?: SandboxKind): StoredFulfillment[]
  shipments(kind?: SandboxKind): StoredShipment[]
  /**
   * The order's total as the ERP computes it from what it holds (totals/*.ts), decimal text;
   * null for a NetSuite order whose tax the SuiteTax engine (not modelled) would compute.
   */
  documentTotal(externalId: string, kind: SandboxKind): string | null
  /** Credit memos (NetSuite creditMemo, BC salesCreditMemo), optionally of one kind. */
  creditMemos(kind?: SandboxKind): StoredOrder[]
  /** The (first) credit memo with this external id (our return id). */
  creditMemo(externalId: string, kind: SandboxKind): StoredOrder | undefined
  /** A credit memo's total as the ERP computes it (see `documentTotal`). */
  creditMemoTotal(externalId: string, kind: SandboxKind): string | null
  /** Writes that touched the order (or credit memo, by our return id): creates + updates (+ cancels). */
  upsertCount(orderId: string, kind?: SandboxKind): number
  /** Creates of the order: exactly 1 after any number of idempotent upserts. */
  createCount(orderId: string, kind?: SandboxKind): number
  /** Records a shipment the connectors' `readShipments` will report. */
  addShipment(input: AddShipmentInput): StoredShipment
  /** "refuse" (default) closes the port; "reset" drops each connection; "503" answers Service Unavailable. */
  goDown(mode?: DownMode, forMs?: number): Promise<void>
  goUp(): Promise<void>
  setLatency(ms: number): void
  /**
   * The next `n` API requests (not token requests) get 429 with `Retry-After`. `method` and
   * `pathIncludes` aim it at matching requests only: where another caller (a scheduled job) may
   * reach the sandbox first, "the next request" may be theirs.
   */
  throttleNext(n: number, retryAfterSeconds: number, options?: RequestTarget & { httpDate?: boolean }): void
  /**
   * The next `n` API requests get `status` with `body` (default: a vendor-shaped error).
   * `method` and `pathIncludes` limit it to matching requests; `skip` lets that many matching
   * requests through first (e.g. crash a BC sync after its first line).
   */
  failNext(n: number, status: number, body?: unknown, options?: RequestTarget & { skip?: number }): void
  /**
   * Business Central: before each of the next `n` PATCH/DELETE requests whose path includes
   * `pathIncludes`, another BC user saves that record, so the request's If-Match is stale (BC
   * answers 409 Request_EntityChanged).
   */
  businessCentralConcurrentEdit(n: number, options?: { pathIncludes?: string }): void
  /** Invalidates every issued token: the next API call gets 401 and must refresh. */
  revokeTokens(): void
  stats(): SandboxStats
  /** Clears data, faults and counters; keeps the port. */
  reset(): void
  close(): Promise<void>
}

export async function startErpSandbox(opts: ErpSandboxOptions = {}): Promise<ErpSandbox> {
  const store = new ErpStore()
  const tokens = new TokenIssuer({
    ttlSeconds: opts.tokenTtlSeconds ?? 3600,
    credentials: opts.credentials,
    netsuitePublicKey: opts.netsuitePublicKey,
    netsuiteScopes: opts.netsuiteScopes,
  })
  const faults: FaultState = {
    latencyMs: opts.latencyMs ?? 0,
    throttle: { remaining: 0, retryAfterSeconds: 1, httpDate: false },
    fail: { remaining: 0, status: 500, skip: 0 },
    netsuiteConcurrencyLimit: opts.netsuiteConcurrencyLimit,
  }
  const bcSetup: BusinessCentralSetup = {
    localCurrencyCode: opts.businessCentral?.localCurrencyCode ?? "USD",
    taxPercents: opts.businessCentral?.taxPercents ?? {},
  }
  const businessCentral = createBusinessCentralHandler(store, tokens, bcSetup, {
    customerNos: opts.businessCentral?.customerNos,
  })
  let stats = newStats()

  const server = createServer(
    createListener({
      faults,
      get stats() {
        return stats
      },
      handlers: {
        netsuite: createNetSuiteHandler(store, tokens),
        "business-central": businessCentral,
        generic: createGenericHandler(store, tokens, {
          staticBearerTokens: opts.staticBearerTokens ?? ["erp-sandbox-token"],
        }),
      },
      isTokenRequest: (kind, path) =>
        kind === "netsuite"
          ? path === NETSUITE_TOKEN_PATH
          : kind === "business-central"
            ? path.endsWith("/oauth2/v2.0/token")
            : path === "/oauth/token",
      control: createControl(() => sandbox),
    })
  )
  // Connectors keep connections alive; don't let Node's 5 s default race them.
  server.keepAliveTimeout = 60_000
  const sockets = new Set<Socket>()
  server.on("connection", (socket: Socket) => {
    sockets.add(socket)
    socket.once("close", () => sockets.delete(socket))
  })
  const stopListening = (): Promise<void> =>
    new Promise((resolve) => {
      if (!server.listening) return resolve()
      server.close(() => resolve())
      for (const socket of sockets) socket.destroy()
    })

  const port = await listen(server, opts.port ?? 0)
  const url = `http://127.0.0.1:${port}`
  let upTimer: NodeJS.Timeout | undefined

  const byKind = <T extends { kind: SandboxKind }>(items: Iterable<T>, kind?: SandboxKind): T[] =>
    [...items].filter((i) => !kind || i.kind === kind)

  const goUp = async (): Promise<void> => {
    clearTimeout(upTimer)
    faults.down = undefined
    if (!server.listening) await listen(server, port)
  }

  const sandbox: ErpSandbox = {
    url,
    port,
    netsuiteBaseUrl: `${url}/netsuite`,
    netsuiteTokenUrl: `${url}/netsuite${NETSUITE_TOKEN_PATH}`,
    businessCentralBaseUrl: `${url}/bc`,
    businessCentralTokenUrl: `${url}/bc/oauth2/v2.0/token`,
    genericBaseUrl: `${url}/generic`,
    genericTokenUrl: `${url}/generic/oauth/token`,
    tokenUrls: {
      netsuite: `${url}/netsuite${NETSUITE_TOKEN_PATH}`,
      "business-central": `${url}/bc/oauth2/v2.0/token`,
      generic: `${url}/generic/oauth/token`,
    },
    salesOrders: (kind) => snapshot(byKind(store.orders.values(), kind)),
    salesOrder: (externalId, kind) => {
      const kinds: SandboxKind[] = kind ? [kind] : ["netsuite", "business-central", "generic"]
      for (const k of kinds) {
        const found = store.findOrders(k, externalId)
        const order = found.find((o) => o.status !== "cancelled") ?? found[0]
        if (order) return snapshot(order)
      }
      return undefined
    },
    customers: (kind) => snapshot(byKind(store.customers.values(), kind)),
    fulfillmentRequests: (kind) => {
      const out = byKind(store.fulfillments.values(), kind)
      if (!kind || kind === "business-central") {
        for (const o of store.orders.values()) {
          if (o.kind !== "business-central" || !o.lines.some((l) => l.shipQuantity !== undefined)) continue
          out.push({
            kind: o.kind,
            externalId: o.externalId,
            erpId: o.number ?? o.erpId,
            orderId: o.externalId,
            lines: o.lines
              .filter((l) => (l.shipQuantity ?? 0) > 0)
              .map((l) => ({ sku: l.sku, quantity: l.shipQuantity! })),
            raw: o.raw,
            createdAt: o.updatedAt,
          })
        }
      }
      return snapshot(out)
    },
    shipments: (kind) => snapshot(byKind(store.shipments, kind)),
    documentTotal: (externalId, kind) => {
      const found = store.findOrders(kind, externalId)
      const order = found.find((o) => o.status !== "cancelled") ?? found[0]
      if (!order) throw new Error(`ERP sandbox: no ${kind} order ${externalId}`)
      return storedOrderTotal(order, bcSetup)
    },
    creditMemos: (kind) => snapshot(byKind(store.creditMemos.values(), kind)),
    creditMemo: (externalId, kind) => {
      const memo = store.findCreditMemos(kind, externalId)[0]
      return memo ? snapshot(memo) : undefined
    },
    creditMemoTotal: (externalId, kind) => {
      const memo = store.findCreditMemos(kind, externalId)[0]
      if (!memo) throw new Error(`ERP sandbox: no ${kind} credit memo ${externalId}`)
      return storedOrderTotal(memo, bcSetup)
    },
    upsertCount: (orderId, kind) => store.upsertCount(orderId, kind),
    createCount: (orderId, kind) => store.createCount(orderId, kind),
    addShipment: (input) => {
      const kinds: SandboxKind[] = input.kind ? [input.kind] : ["netsuite", "business-central", "generic"]
      const order = kinds.map((k) => store.findOrder(k, input.orderId)).find(Boolean)
      if (!order) throw new Error(`ERP sandbox: no order ${input.orderId} to ship`)
      const shipment: StoredShipment = {
        kind: order.kind,
        erpId:
          order.kind === "business-central"
            ? randomUUID()
            : order.kind === "netsuite"
              ? String(store.nextNumber())
              : `SH-${store.nextNumber()}`,
        orderId: input.orderId,
        trackingNumbers: [input.trackingNumber],
        carrier: input.carrier,
        shippedAt: input.shippedAt ?? nowIso(),
        lines:
          input.lines ??
          order.lines
            .filter((l) => (l.lineType ?? "Item") === "Item" && l.sku)
            .map((l) => ({ sku: l.sku, quantity: l.quantity, lineId: l.lineId })),
      }
      store.shipments.push(shipment)
      return snapshot(shipment)
    },
    goDown: async (mode = "refuse", forMs) => {
      faults.down = mode
      if (mode === "refuse") await stopListening()
      clearTimeout(upTimer)
      if (forMs !== undefined) {
        upTimer = setTimeout(() => void goUp(), forMs)
        upTimer.unref()
      }
    },
    goUp,
    setLatency: (ms) => {
      faults.latencyMs = Math.max(0, ms)
    },
    throttleNext: (n, retryAfterSeconds, options = {}) => {
      faults.throttle = {
        remaining: n,
        retryAfterSeconds,
        httpDate: options.httpDate === true,
        method: options.method,
        pathIncludes: options.pathIncludes,
      }
    },
    failNext: (n, status, body, options = {}) => {
      faults.fail = {
        remaining: n,
        status,
        body,
        method: options.method,
        pathIncludes: options.pathIncludes,
        skip: options.skip ?? 0,
      }
    },
    businessCentralConcurrentEdit: (n, options = {}) =>
      businessCentral.anotherUserSavesBeforeNextWrite(n, options.pathIncludes),
    revokeTokens: () => tokens.revokeAll(),
    stats: () => ({ ...snapshot(stats), tokensIssued: tokens.issued }),
    reset: () => {
      store.clear()
      tokens.revokeAll()
      faults.down = undefined
      faults.latencyMs = opts.latencyMs ?? 0
      faults.throttle = { remaining: 0, retryAfterSeconds: 1, httpDate: false }
      faults.fail = { remaining: 0, status: 500, skip: 0 }
      businessCentral.reset()
      stats = newStats()
    },
    close: async () => {
      clearTimeout(upTimer)
      await stopListening()
    },
  }
  return sandbox
}
