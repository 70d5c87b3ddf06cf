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
import type { Readable } from "node:stream"
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
  body: string
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
    const size = Buffer.byteLength(body)
    if (size > maxPayloadBytes) {
      return noResponse("payload_too_large", `Payload is ${size} bytes; the limit is ${maxPayloadBytes}`)
    }
    let target: URL
    try {
      target = vet(url)
    } catch (err) {
      return noResponse("blocked", describe(err))
    }

    const controller = new AbortController()
    const timer = setTimeout(() => controller.abort(), totalTimeoutMs)
    try {
      const response = await poolFor(target.origin).request({
        path: target.pathname + target.search,
        method: "POST",
        headers: {
          ...lowerCaseKeys(headers),
          "content-type": "application/json",
          "user-agent": userAgent,
        },
        body,
        signal: controller.signal,
        maxRedirections: 0,
      })
      const responseBody = await readCapped(response.body, maxResponseBytes)
      const retryAfter = response.headers["retry-after"]
      const retryAfterMs = parseRetryAfter(retryAfter)
      const result: SendResult = {
        outcome: outcomeForStatus(response.statusCode),
        status: response.statusCode,
        durationMs: elapsed(),
        responseBody,
      }
      if (retryAfterMs !== undefined) result.retryAfterMs = retryAfterMs
      return result
    } catch (err) {
      return noResponse(errorOutcome(err, controller.signal), describe(err))
    } finally {
      clearTimeout(timer)
    }
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

function errorOutcome(err: unknown, signal: AbortSignal): DeliveryOutcome {
  if (signal.aborted) return "timeout"
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

function lowerCaseKeys(headers: Readonly<Record<string, string>>): Record<string, string> {
  const out: Record<string, string> = {}
  for (const [key, value] of Object.entries(headers)) out[key.toLowerCase()] = value
  return out
}

/**
 * Keeps the first `limit` bytes. Small bodies are drained so the socket can be
 * reused; a huge one is destroyed. A body that fails midway (reset, timeout)
 * keeps what arrived: the status already decided the outcome.
 */
async function readCapped(body: Readable, limit: number): Promise<string> {
  const kept: Buffer[] = []
  let keptBytes = 0
  let seen = 0
  try {
    for await (const chunk of body as AsyncIterable<Buffer>) {
      seen += chunk.length
      if (keptBytes < limit) {
        const part = chunk.subarray(0, limit - keptBytes)
        kept.push(part)
        keptBytes += part.length
      }
      if (seen > DRAIN_LIMIT_BYTES) {
        body.destroy()
        break
      }
    }
  } catch {
    // Partial body: keep what arrived.
  }
  return Buffer.concat(kept).toString("utf8")
}
