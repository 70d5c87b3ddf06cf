/**
 * What every adapter shares: the connection key, a redactor fed with the connection's secrets,
 * a redacting logger, HTTP clients wired to the connection's breaker, and the health check.
 * Adapters add the vendor's requests and mapping.
 *
 * @module
 */
import { ErpConfigError, isErpError } from "./errors"
import {
  BreakerRegistry,
  breakerKey,
  breakerStateLogger,
  connectorBreakerState,
  defaultBreakerRegistry,
  type BreakerSettings,
} from "./http/breakers"
import type { VendorErrorParser } from "./http/classify"
import { HttpClient, type HttpClientOptions } from "./http/client"
import type { RetryPolicy } from "./http/retry"
import { Redactor, redactingLogger } from "./redact"
import type {
  CancelResult,
  ConnectorKind,
  CustomerUpsertResult,
  ErpConnector,
  FulfillmentRequest,
  FulfillmentRequestResult,
  HealthStatus,
  HubCustomer,
  HubOrder,
  Logger,
  Shipment,
  UpsertResult,
} from "./types"

/** Injected collaborators; every one has a production default. */
export interface ConnectorDeps {
  logger?: Partial<Logger>
  /** Where the connection's breaker lives. Default: the process-wide registry. */
  breakers?: BreakerRegistry
  now?: () => number
  /** Backoff sleeps (tests pass a recorder). */
  sleep?: (ms: number) => Promise<void>
  random?: () => number
}

/** Transport settings every connection type accepts. */
export interface ConnectionSettings {
  /** Total time per attempt. Default 30 s. */
  timeoutMs?: number
  /** TCP/TLS connect timeout. Default 5 s. */
  connectTimeoutMs?: number
  retry?: Partial<RetryPolicy>
  /** Max in-flight requests on this connection. */
  concurrency?: number
  /** Breaker tuning, applied when the connection's breaker is first created. */
  breaker?: BreakerSettings
}

export abstract class ConnectorBase implements ErpConnector {
  abstract readonly kind: ConnectorKind
  readonly key: string
  protected readonly redactor = new Redactor()
  protected readonly logger: Logger
  protected readonly now: () => number
  protected readonly breakers: BreakerRegistry

  protected constructor(
    kind: ConnectorKind,
    connectionId: string,
    protected readonly deps: ConnectorDeps
  ) {
    if (!connectionId) throw new ErpConfigError(`${kind}: connection id is empty`)
    this.key = breakerKey(kind, connectionId)
    this.logger = redactingLogger(deps.logger, this.redactor)
    this.now = deps.now ?? Date.now
    this.breakers = deps.breakers ?? defaultBreakerRegistry
  }

  abstract upsertCustomer(customer: HubCustomer): Promise<CustomerUpsertResult>
  abstract upsertSalesOrder(order: HubOrder): Promise<UpsertResult>
  abstract cancelSalesOrder(orderId: string): Promise<CancelResult>
  abstract createFulfillmentRequest(request: FulfillmentRequest): Promise<FulfillmentRequestResult>
  abstract cancelFulfillmentRequest(request: Pick<FulfillmentRequest, "id" | "order_id">): Promise<CancelResult>
  abstract readShipments(since: Date | string): Promise<Shipment[]>

  /** The cheapest authenticated call the ERP offers. */
  protected abstract ping(): Promise<void>

  async healthCheck(): Promise<HealthStatus> {
    const started = this.now()
    try {
      await this.ping()
      return { ok: true, latencyMs: this.now() - started, breaker: this.breakerState() }
    } catch (e) {
      const error = isErpError(e)
        ? { code: e.code, message: e.message }
        : { code: "ERR_ERP_PERMANENT", message: this.redactor.redact(String(e)) }
      return { ok: false, latencyMs: this.now() - started, breaker: this.breakerState(), error }
    }
  }

  protected breakerState(): HealthStatus["breaker"] {
    return connectorBreakerState(this.breakers.state(this.key))
  }

  /** The API client: the connection's breaker, retries, concurrency cap. */
  protected createApiClient(
    settings: ConnectionSettings,
    options: Pick<HttpClientOptions, "baseURL" | "auth" | "defaultHeaders"> & { parseVendorError?: VendorErrorParser }
  ): HttpClient {
    return new HttpClient({
      ...this.transportOptions(settings),
      ...options,
      concurrency: settings.concurrency,
      breaker: this.breakers.get(this.key, {
        ...settings.breaker,
        onStateChange: breakerStateLogger(this.key, this.logger),
      }),
    })
  }

  /** The token endpoint's client: same retries and redaction, no breaker, no auth. */
  protected createTokenClient(settings: ConnectionSettings): HttpClient {
    return new HttpClient({ ...this.transportOptions(settings), name: `${this.key}:token`, breaker: null })
  }

  private transportOptions(settings: ConnectionSettings): HttpClientOptions {
    return {
      name: this.key,
      timeoutMs: settings.timeoutMs,
      connectTimeoutMs: settings.connectTimeoutMs,
      retry: settings.retry,
      redactor: this.redactor,
      logger: this.logger,
      now: this.now,
      sleep: this.deps.sleep,
      random: this.deps.random,
    }
  }
}

/** Throws `ErpConfigError` naming every missing required setting. */
export function requireSettings(where: string, values: Record<string, unknown>): void {
  const missing = Object.entries(values)
    .filter(([, v]) => v === undefined || v === null || v === "")
    .map(([k]) => k)
  if (missing.length) throw new ErpConfigError(`${where}: required option(s) missing: ${missing.join(", ")}`)
}

/** `since` as a Date; throws `ErpConfigError` on an unparseable value. */
export function toDate(since: Date | string): Date {
  const date = since instanceof Date ? since : new Date(since)
  if (Number.isNaN(date.getTime())) throw new ErpConfigError(`Invalid date: ${JSON.stringify(String(since))}`)
  return date
}

/** `YYYY-MM-DD` (UTC) of an ISO timestamp or Date. */
export function isoDay(value: Date | string): string {
  return toDate(value).toISOString().slice(0, 10)
}

/** Last path segment of a `Location` header: the new record's id. */
export function idFromLocation(location: string | undefined): string | undefined {
  if (!location) return undefined
  const path = location.split("?")[0]!.replace(/\/+$/, "")
  const last = path.slice(path.lastIndexOf("/") + 1)
  return last ? decodeURIComponent(last) : undefined
}
