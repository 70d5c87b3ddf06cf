/**
 * The HTTP leg: one POST, reduced to a `SendResult`. It never throws for
 * anything the network or the receiver does.
 *
 * Connections come from undici keep-alive pools, one per origin (tunable per
 * origin, LRU-bounded). Each pool connects through the SSRF guard's pinned
 * lookup, so a socket only ever opens to an address that passed the check.
 * Redirects are not followed; a total timeout bounds every request.
 * @module
 */
import { performance } from "node:perf_hooks"
import { Pool } from "undici"
import type { Dispatcher } from "undici"
import { hasErrorCode, SsrfBlockedError } from "./errors"
import { outcomeForStatus } from "../core/outcome"
import type { DeliveryOutcome } from "../core/outcome"
import { parseRetryAfter } from "../core/retry-after"
import { assertSendableUrl, createPinnedLookup } from "./ssrf"
import type { SsrfPolicy } from "./ssrf"

export interface OriginTuning {
  /** Sockets to the origin. */
  connections?: number
  /** Requests in flight per socket. Keep 1 unless the receiver is known to handle pipelining. */
  pipelining?: number
}

export interface SenderOptions {
  policy: SsrfPolicy
  /** TCP + TLS handshake limit, DNS included. Default 5 s. */
  connectTimeoutMs?: number
  /** Whole request limit, from dispatch to the response's headers. Default 15 s. */
  totalTimeoutMs?: number
  /** Response body bytes kept for the attempt log. Default 20,000 (Svix). */
  maxResponseBytes?: number
  /** Larger request bodies are refused before connecting. Default 256 KiB. */
  maxPayloadBytes?: number
  /** Default per-origin tuning. Defaults: 32 connections, pipelining 1. */
  connections?: number
  pipelining?: number
  /** Per-origin overrides, e.g. more sockets for a high-volume partner. */
  tuneOrigin?: (origin: string) => OriginTuning | undefined
  /** Idle keep-alive sockets are closed after this. Default 30 s. */
  keepAliveTimeoutMs?: number
  /** Origins with a live pool; the least recently used pool is closed beyond this. Default 1,000. */
  maxOrigins?: number
  userAgent?: string
}

export interface SendRequest {
  url: string
  headers: Readonly<Record<string, string>>
  /** Text, or its UTF-8 bytes (sent as they are, without encoding them again). */
  body: string | Buffer
}

export interface SendResult {
  outcome: DeliveryOutcome
  /** HTTP status, or null when no response arrived. */
  status: number | null
  durationMs: number
  /** Response body cut to `maxResponseBytes`, or null when no response arrived. */
  responseBody: string | null
  /** Parsed `Retry-After`, when the response carried a valid one. */
  retryAfterMs?: number
  /** What went wrong, for the attempt log; absent on a response. */
  error?: string
}

export interface Sender {
  send(request: SendRequest): Promise<SendResult>
  /** Destroys every pool; requests still in flight fail, later ones get `internal_error`. */
  close(): Promise<void>
}

// A body beyond this is not worth draining to keep the socket: destroy it instead.
const DRAIN_LIMIT_BYTES = 1024 * 1024
const VETTED_URL_CACHE_LIMIT = 10_000
const TIMEOUT_CODES = new Set([
  "UND_ERR_CONNECT_TIMEOUT",
  "UND_ERR_HEADERS_TIMEOUT",
  "UND_ERR_BODY_TIMEOUT",
  "ETIMEDOUT",
])

export function createSender(options: SenderOptions): Sender {
  const {
    policy,
    connectTimeoutMs = 5_000,
    totalTimeoutMs = 15_000,
    maxResponseBytes = 20_000,
    maxPayloadBytes = 256 * 1024,
    connections = 32,
    pipelining = 1,
    tuneOrigin,
    keepAliveTimeoutMs = 30_000,
    maxOrigins = 1_000,
    userAgent = "backy-webhooks/1",
  } = options
  const lookup = createPinnedLookup(policy)
  const pools = new Map<string, Pool>()
  let closed = false
  // Vetting a URL (parse + IP-literal check) is pure for a given policy, and
  // every delivery to an endpoint repeats it, so vetted URLs are cached.
  const vettedUrls = new Map<string, URL>()
  const vet = (url: string): URL => {
    let target = vettedUrls.get(url)
    if (!target) {
      target = assertSendableUrl(url, policy)
      if (vettedUrls.size >= VETTED_URL_CACHE_LIMIT) vettedUrls.delete(vettedUrls.keys().next().value as string)
      vettedUrls.set(url, target)
    }
    return target
  }

  const poolFor = (origin: string): Pool => {
    const existing = pools.get(origin)
    if (existing) {
      pools.delete(origin)
      pools.set(origin, existing)
      return existing
    }
    const tuning = tuneOrigin?.(origin) ?? {}
    const pool = new Pool(origin, {
      connections: tuning.connections ?? connections,
      pipelining: tuning.pipelining ?? pipelining,
      keepAliveTimeout: keepAliveTimeoutMs,
      keepAliveMaxTimeout: keepAliveTimeoutMs,
      headersTimeout: totalTimeoutMs,
      bodyTimeout: totalTimeoutMs,
      connect: { timeout: connectTimeoutMs, lookup },
    })
    pools.set(origin, pool)
    if (pools.size > maxOrigins) {
      const [oldOrigin, oldPool] = pools.entries().next().value as [string, Pool]
      pools.delete(oldOrigin)
      void oldPool.close().catch(() => undefined) // lets its in-flight requests finish
    }
    return pool
  }

  const send = async ({ url, headers, body }: SendRequest): Promise<SendResult> => {
    const started = performance.now()
    const elapsed = () => Math.round(performance.now() - started)
    const noResponse = (outcome: DeliveryOutcome, error: string): SendResult => ({
      outcome,
      status: null,
      durationMs: elapsed(),
      responseBody: null,
      error,
    })

    if (closed) return noResponse("internal_error", "Sender is closed")
    const size = typeof body === "string" ? Buffer.byteLength(body) : body.length
    if (size > maxPayloadBytes) {
      return noResponse("payload_too_large", `Payload is ${size} bytes; the limit is ${maxPayloadBytes}`)
    }
    let target: URL
    try {
      target = vet(url)
    } catch (err) {
      return noResponse("blocked", describe(err))
    }

    return new Promise<SendResult>((resolve) => {
      let settled = false
      let abort: ((err?: Error) => void) | undefined
      let timedOut = false
      let status: number | null = null
      let retryAfter: string | undefined
      const kept: Buffer[] = []
      let keptBytes = 0
      let seen = 0
      const finish = (result: SendResult) => {
        if (settled) return
        settled = true
        clearTimeout(timer)
        resolve(result)
      }
      // Once a final status arrived, it decides the outcome, whatever happens to the body after it.
      const responseResult = (): SendResult => {
        const result: SendResult = {
          outcome: outcomeForStatus(status!),
          status,
          durationMs: elapsed(),
          responseBody: Buffer.concat(kept).toString("utf8"),
        }
        const retryAfterMs = parseRetryAfter(retryAfter)
        if (retryAfterMs !== undefined) result.retryAfterMs = retryAfterMs
        return result
      }
      // A request still queued for a socket resolves at its deadline and is aborted when it gets one.
      const timer = setTimeout(() => {
        timedOut = true
        abort?.(new TotalTimeoutError(totalTimeoutMs))
        finish(status === null ? noResponse("timeout", `No response within ${totalTimeoutMs} ms`) : responseResult())
      }, totalTimeoutMs)
      // undici's raw handler API: no Readable, async iterator or AbortSignal per request.
      const handler: Dispatcher.DispatchHandlers = {
        onConnect(abortRequest) {
          abort = abortRequest
          if (timedOut) abortRequest(new TotalTimeoutError(totalTimeoutMs))
        },
        onHeaders(statusCode, rawHeaders) {
          if (statusCode < 200) return true // 1xx: the final status follows
          status = statusCode
          retryAfter = headerValue(rawHeaders, "retry-after")
          return true
        },
        onData(chunk) {
          seen += chunk.length
          if (keptBytes < maxResponseBytes) {
            const part = chunk.subarray(0, maxResponseBytes - keptBytes)
            kept.push(part)
            keptBytes += part.length
          }
          // Small bodies are drained so the socket can be reused; a huge one is cut off.
          if (seen > DRAIN_LIMIT_BYTES) abort?.(new ResponseTooLargeError())
          return true
        },
        onComplete() {
          finish(responseResult())
        },
        onError(err) {
          if (status !== null) return finish(responseResult()) // a body cut midway keeps what arrived
          finish(noResponse(timedOut ? "timeout" : errorOutcome(err), describe(err)))
        },
      }
      try {
        poolFor(target.origin).dispatch(
          { path: target.pathname + target.search, method: "POST", headers: requestHeaders(headers, userAgent), body },
          handler
        )
      } catch (err) {
        finish(noResponse(errorOutcome(err), describe(err)))
      }
    })
  }

  return {
    send,
    async close() {
      closed = true
      const all = [...pools.values()]
      pools.clear()
      await Promise.all(all.map((pool) => pool.destroy().catch(() => undefined)))
    },
  }
}

function errorOutcome(err: unknown): DeliveryOutcome {
  if (hasErrorCode(err, SsrfBlockedError.code)) return "blocked"
  const code = (err as { code?: unknown } | null)?.code
  if (typeof code === "string" && TIMEOUT_CODES.has(code)) return "timeout"
  return "network_error"
}

function describe(err: unknown): string {
  if (err instanceof Error) {
    const code = (err as { code?: unknown }).code
    return typeof code === "string" ? `${code}: ${err.message}` : err.message
  }
  return String(err)
}

/** Flat name/value list (undici's cheapest form); content-type and user-agent are always ours. */
function requestHeaders(headers: Readonly<Record<string, string>>, userAgent: string): string[] {
  const flat: string[] = []
  for (const [key, value] of Object.entries(headers)) {
    const name = key.toLowerCase()
    if (name !== "content-type" && name !== "user-agent") flat.push(name, value)
  }
  flat.push("content-type", "application/json", "user-agent", userAgent)
  return flat
}

function headerValue(rawHeaders: Buffer[], name: string): string | undefined {
  for (let i = 0; i < rawHeaders.length; i += 2) {
    if (rawHeaders[i]!.toString("latin1").toLowerCase() === name) return rawHeaders[i + 1]!.toString("latin1")
  }
  return undefined
}

class TotalTimeoutError extends Error {
  readonly code = "UND_ERR_TOTAL_TIMEOUT"
  constructor(ms: number) {
    super(`No response within ${ms} ms`)
  }
}

class ResponseTooLargeError extends Error {
  constructor() {
    super(`Response body over ${DRAIN_LIMIT_BYTES} bytes: connection closed`)
  }
}
