/**
 * The HTTP machinery every adapter shares. One `HttpClient` per connection:
 *
 *   request ─▶ breaker.fire ─▶ retry loop ─▶ semaphore ─▶ axios (keep-alive agent, connect + total timeouts)
 *
 * - the breaker sees one sample per logical call, after retries, and only failures that say
 *   the ERP is unwell (see `breakers.ts`);
 * - the retry loop retries what `classify.ts` calls retryable, with the durability core's
 *   jittered backoff (`retry.ts`), and honours `Retry-After` (seconds or HTTP-date) up to
 *   `maxRetryAfterMs`; a POST is only resent when the request certainly did not reach the ERP;
 * - a 401 invalidates the OAuth2 token and the request is sent once more with a fresh one;
 * - the semaphore caps in-flight requests per connection (NetSuite's concurrency governance).
 *
 * @module
 */
import axios, { type AxiosInstance, type AxiosResponse } from "axios"
import { ErpCircuitOpenError, ErpConfigError, type ErpError } from "../errors"
import { stringifyJson } from "../json"
import type { Redactor } from "../redact"
import { Semaphore } from "../semaphore"
import type { Logger } from "../types"
import type { AuthProvider } from "./auth"
import type { KeyedBreaker } from "../../../webhooks/core"
import { countsAgainstErp } from "./breakers"
import { classifyResponse, classifyThrown, type ClassifyContext, type VendorErrorParser } from "./classify"
import { createAgents } from "./connect-timeout-agent"
import { DEFAULT_RETRY_POLICY, retryDelayMs, type RetryPolicy } from "./retry"

export type HttpMethod = "GET" | "POST" | "PUT" | "PATCH" | "DELETE"

export interface HttpClientOptions {
  /** `<kind>:<connection id>`: names log lines, errors and the breaker. */
  name: string
  baseURL?: string
  /** Total time for one attempt, connect to last byte. Default 30 s. */
  timeoutMs?: number
  /** Time allowed to open the TCP/TLS connection. Default 5 s. */
  connectTimeoutMs?: number
  retry?: Partial<RetryPolicy>
  /** Max in-flight requests on this connection (unlimited when absent). */
  concurrency?: number
  auth?: AuthProvider
  /**
   * The connection's breaker (its `deferralMs` becomes `ErpCircuitOpenError.retryAfterMs`);
   * null for the token endpoint, which the API breaker already covers.
   */
  breaker?: KeyedBreaker | null
  redactor: Redactor
  logger: Logger
  parseVendorError?: VendorErrorParser
  defaultHeaders?: Record<string, string>
  now?: () => number
  sleep?: (ms: number) => Promise<void>
  random?: () => number
}

export interface HttpRequest {
  /** Connector operation this request serves, for logs and errors. */
  operation: string
  method: HttpMethod
  /** Relative to `baseURL`, or absolute. */
  url: string
  params?: Record<string, string | number | boolean | undefined>
  /** JSON body; `JsonDecimal`s are written verbatim. */
  body?: unknown
  /** `application/x-www-form-urlencoded` body. */
  form?: Record<string, string>
  headers?: Record<string, string>
  /** Safe to resend after an ambiguous failure. Default: every method but POST. */
  idempotent?: boolean
  /** Statuses returned to the caller instead of thrown (e.g. 404 on a lookup). */
  allowStatus?: number[]
  /** Send credentials. Default true. */
  auth?: boolean
}

export interface HttpResponse<T = unknown> {
  status: number
  data: T
  headers: Record<string, string | undefined>
}

const defaultSleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms))

export class HttpClient {
  readonly name: string
  private readonly axios: AxiosInstance
  private readonly policy: RetryPolicy
  private readonly semaphore?: Semaphore
  private readonly now: () => number
  private readonly sleep: (ms: number) => Promise<void>
  private readonly random: () => number

  constructor(private readonly options: HttpClientOptions) {
    this.name = options.name
    this.policy = { ...DEFAULT_RETRY_POLICY, ...stripUndefined(options.retry ?? {}) }
    this.now = options.now ?? Date.now
    this.sleep = options.sleep ?? defaultSleep
    this.random = options.random ?? Math.random
    if (options.concurrency !== undefined) this.semaphore = new Semaphore(options.concurrency)
    if (options.baseURL !== undefined && !/^https?:\/\//.test(options.baseURL)) {
      throw new ErpConfigError(`${options.name}: base URL must be http(s), got ${JSON.stringify(options.baseURL)}`)
    }
    const { httpAgent, httpsAgent } = createAgents({
      connectTimeoutMs: options.connectTimeoutMs ?? 5_000,
      maxSockets: options.concurrency ?? 64,
    })
    this.axios = axios.create({
      baseURL: options.baseURL,
      timeout: options.timeoutMs ?? 30_000,
      httpAgent,
      httpsAgent,
      // Redirects would replay our Authorization header somewhere we did not choose.
      maxRedirects: 0,
      validateStatus: () => true,
      // Bodies are serialized by us (exact decimals); axios must not re-encode them.
      transformRequest: [(data: unknown) => data],
      paramsSerializer: { serialize: serializeParams },
    })
  }

  /** Sends `req` through breaker, retries and the concurrency cap. Throws `ErpError` only. */
  async request<T = unknown>(req: HttpRequest): Promise<HttpResponse<T>> {
    const breaker = this.options.breaker
    if (!breaker) return this.withRetries<T>(req)
    try {
      // A permanent error (our request's fault) comes out of the breaker as a value, so the
      // breaker records a success, as opossum's errorFilter would; it is thrown here instead.
      const settled = await breaker.fire(() =>
        this.withRetries<T>(req).then(
          (response) => ({ response }),
          (error: unknown) => {
            if (countsAgainstErp(error)) throw error
            return { error }
          }
        )
      )
      if ("error" in settled) throw settled.error
      return settled.response
    } catch (e) {
      const code = (e as { code?: unknown }).code
      if (code === "EOPENBREAKER" || code === "ESHUTDOWN") {
        throw new ErpCircuitOpenError(
          `${this.name} ${req.operation}: circuit open after repeated failures; not calling the ERP`,
          {
            connector: this.name,
            operation: req.operation,
            retryAfterMs: breaker.deferralMs(),
            requestMayHaveBeenProcessed: false,
          }
        )
      }
      throw e
    }
  }

  private async withRetries<T>(req: HttpRequest): Promise<HttpResponse<T>> {
    const idempotent = req.idempotent ?? req.method !== "POST"
    let refreshedAuth = false
    // Built when a failure is classified, so an HTTP-date Retry-After is measured from its arrival.
    const ctx = (): ClassifyContext => ({
      connector: this.name,
      operation: req.operation,
      redactor: this.options.redactor,
      nowMs: this.now(),
      parseVendorError: this.options.parseVendorError,
    })
    for (let attempt = 0; ; ) {
      const headers: Record<string, string> = {
        Accept: "application/json",
        ...this.options.defaultHeaders,
        ...req.headers,
      }
      // A failing token endpoint has already been retried by its own client: no retry here.
      const credential = await this.authorize(req, headers).catch((e: unknown) => {
        throw classifyThrown(e, ctx())
      })

      let error: ErpError
      try {
        const res = await this.send(req, headers)
        if ((res.status >= 200 && res.status < 300) || req.allowStatus?.includes(res.status))
          return res as HttpResponse<T>
        if (
          res.status === 401 &&
          credential !== undefined &&
          !refreshedAuth &&
          this.options.auth?.invalidate(credential)
        ) {
          refreshedAuth = true
          this.options.logger.info(`${this.name} ${req.operation}: 401, refreshing the access token once`)
          continue
        }
        error = classifyResponse(res.status, res.data, res.headers, ctx())
      } catch (e) {
        error = classifyThrown(e, ctx())
      }

      if (!error.retryable || attempt >= this.policy.maxRetries) throw error
      if (!idempotent && error.requestMayHaveBeenProcessed) throw error
      if (error.retryAfterMs !== undefined && error.retryAfterMs > this.policy.maxRetryAfterMs) throw error
      const delay = retryDelayMs(attempt, this.policy, this.random, error.retryAfterMs)
      this.options.logger.warn(
        `${this.name} ${req.operation}: ${error.code}, retry ${attempt + 1}/${this.policy.maxRetries} in ${delay} ms`,
        {
          status: error.status,
          vendorCode: error.vendorCode,
        }
      )
      await this.sleep(delay)
      attempt += 1
    }
  }

  private authorize(req: HttpRequest, headers: Record<string, string>): Promise<string | undefined> {
    if (req.auth === false || !this.options.auth) return Promise.resolve(undefined)
    return this.options.auth.authorize(headers)
  }

  private async send(req: HttpRequest, headers: Record<string, string>): Promise<HttpResponse> {
    let data: string | undefined
    if (req.form) {
      data = new URLSearchParams(req.form).toString()
      headers["Content-Type"] = "application/x-www-form-urlencoded"
    } else if (req.body !== undefined) {
      data = stringifyJson(req.body)
      headers["Content-Type"] = "application/json"
    }
    const run = (): Promise<AxiosResponse> =>
      this.axios.request({ method: req.method, url: req.url, params: req.params, data, headers })
    const started = this.now()
    const res = this.semaphore ? await this.semaphore.run(run) : await run()
    this.options.logger.debug(
      `${this.name} ${req.operation}: ${req.method} ${req.url} → ${res.status} in ${this.now() - started} ms`
    )
    return { status: res.status, data: res.data, headers: plainHeaders(res.headers) }
  }
}

function plainHeaders(headers: unknown): Record<string, string | undefined> {
  const h = headers as { toJSON?: () => Record<string, unknown> } | Record<string, unknown>
  const raw =
    typeof (h as { toJSON?: unknown }).toJSON === "function"
      ? (h as { toJSON: () => Record<string, unknown> }).toJSON()
      : (h as Record<string, unknown>)
  const out: Record<string, string | undefined> = {}
  for (const [k, v] of Object.entries(raw ?? {}))
    out[k.toLowerCase()] = Array.isArray(v) ? v.join(", ") : v == null ? undefined : String(v)
  return out
}

/** Query strings with spaces as %20 (OData and NetSuite filters) and `$` kept literal (`$filter`). */
export function serializeParams(params: Record<string, unknown>): string {
  const enc = (s: string): string => encodeURIComponent(s).replace(/%24/g, "$")
  return Object.entries(params)
    .filter(([, v]) => v !== undefined && v !== null)
    .map(([k, v]) => `${enc(k)}=${enc(String(v))}`)
    .join("&")
}

function stripUndefined<T extends object>(o: T): Partial<T> {
  return Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined)) as Partial<T>
}
