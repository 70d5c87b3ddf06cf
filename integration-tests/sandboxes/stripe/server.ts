import type { IncomingMessage, ServerResponse } from "node:http"
import type { HandlerContext } from "./context"
import { ApiError, invalidApiKey, noApiKey, unrecognizedUrl } from "./errors"
import type { ArmedFault, FaultPlan } from "./faults"
import { parseForm } from "./form"
import { newId } from "./ids"
import { fingerprint, type IdempotencyStore } from "./idempotency"
import { Params } from "./params"
import { findRoute } from "./routes"
import type { RequestLogEntry } from "./sandbox"
import type { Store } from "./store"
import { API_VERSION, type EventBus } from "./webhooks"

export interface ApiDeps {
  store: Store
  bus: EventBus
  faults: FaultPlan
  idempotency: IdempotencyStore
  log: RequestLogEntry[]
  apiKeyPrefix: string
  baseUrl(): string
  /** Requests under /_sandbox/ (no auth, no faults). */
  control(req: IncomingMessage, res: ServerResponse, url: URL, body: string): void
}

interface Answer {
  status: number
  body: string
  replayedFrom?: string
}

/** The HTTP entry point: log → fault (before) → auth/parse → idempotency → handler → fault (after) → answer. */
export function createApiListener(deps: ApiDeps) {
  return (req: IncomingMessage, res: ServerResponse): void => {
    readBody(req).then(
      (body) => handle(deps, req, res, body),
      () => req.destroy()
    )
  }
}

function handle(deps: ApiDeps, req: IncomingMessage, res: ServerResponse, rawBody: string): void {
  const url = new URL(req.url ?? "/", "http://127.0.0.1")
  if (url.pathname.startsWith("/_sandbox/")) return deps.control(req, res, url, rawBody)
  const method = (req.method ?? "GET").toUpperCase()
  const key = method === "POST" ? headerValue(req, "idempotency-key") : null
  const entry: RequestLogEntry = {
    id: newId("req"),
    at: Date.now(),
    method,
    path: url.pathname,
    idempotencyKey: key,
    params: {},
    status: null,
    executed: false,
    replayed: false,
    fault: null,
  }
  deps.log.push(entry)
  const fault = deps.faults.take(method, url.pathname)
  if (fault?.when === "before") return applyFault(fault, req, res, entry)
  const answer = execute(deps, req, entry, method === "POST" ? rawBody : url.search.slice(1))
  if (fault) return applyFault(fault, req, res, entry)
  entry.status = answer.status
  const headers: Record<string, string> = {
    "content-type": "application/json",
    "request-id": entry.id,
    "stripe-version": headerValue(req, "stripe-version") ?? API_VERSION,
  }
  if (key) headers["idempotency-key"] = key
  if (answer.replayedFrom) {
    headers["idempotent-replayed"] = "true"
    headers["original-request"] = answer.replayedFrom
  }
  res.writeHead(answer.status, headers)
  res.end(answer.body)
}

function execute(deps: ApiDeps, req: IncomingMessage, entry: RequestLogEntry, form: string): Answer {
  try {
    let parseError: ApiError | undefined
    try {
      entry.params = parseForm(form)
    } catch (err) {
      parseError = err as ApiError
    }
    checkAuth(req, deps.apiKeyPrefix)
    if (parseError) throw parseError
    const route = findRoute(entry.method, entry.path)
    if (!route) throw unrecognizedUrl(entry.method, entry.path)
    const key = entry.idempotencyKey
    if (!key) return run(deps, entry, route.handler, route.ids).answer
    const print = fingerprint(entry.params)
    const stored = deps.idempotency.lookup(key, entry.method, entry.path, print)
    if (stored) {
      entry.executed = true
      entry.replayed = true
      return { status: stored.status, body: stored.body, replayedFrom: stored.requestId }
    }
    const { answer, storable } = run(deps, entry, route.handler, route.ids)
    if (storable) {
      deps.idempotency.save(key, { method: entry.method, path: entry.path, fingerprint: print, ...answer, requestId: entry.id })
    }
    return answer
  } catch (err) {
    return errorAnswer(err)
  }
}

/** Runs one handler; `storable` is false for validation errors (Stripe doesn't save those under a key). */
function run(
  deps: ApiDeps,
  entry: RequestLogEntry,
  handler: (ctx: HandlerContext, params: Params, ids: string[]) => object,
  ids: string[]
): { answer: Answer; storable: boolean } {
  const ctx: HandlerContext = {
    store: deps.store,
    baseUrl: deps.baseUrl(),
    events: () => deps.bus.all().map((r) => r.event),
    emit: (type, object, previous) =>
      void deps.bus.record(type, object, { id: entry.id, idempotency_key: entry.idempotencyKey }, previous),
  }
  try {
    const body = handler(ctx, new Params(entry.params), ids)
    entry.executed = true
    return { answer: { status: 200, body: JSON.stringify(body) }, storable: true }
  } catch (err) {
    const storable = err instanceof ApiError ? err.storable : false
    entry.executed = storable
    return { answer: errorAnswer(err), storable }
  }
}

function errorAnswer(err: unknown): Answer {
  if (err instanceof ApiError) return { status: err.status, body: JSON.stringify(err.toBody()) }
  // A sandbox bug: answer like Stripe's 500 so the client's error path runs, and say what broke.
  const message = err instanceof Error ? err.message : String(err)
  return { status: 500, body: JSON.stringify({ error: { type: "api_error", message: `Stripe sandbox internal error: ${message}` } }) }
}

function checkAuth(req: IncomingMessage, prefix: string): void {
  const header = headerValue(req, "authorization")
  if (!header) throw noApiKey()
  let key = ""
  if (/^bearer /i.test(header)) key = header.slice(7).trim()
  else if (/^basic /i.test(header)) key = Buffer.from(header.slice(6).trim(), "base64").toString("utf8").split(":")[0]
  if (!key) throw noApiKey()
  if (!key.startsWith(prefix)) throw invalidApiKey(key)
}

function applyFault(fault: ArmedFault, req: IncomingMessage, res: ServerResponse, entry: RequestLogEntry): void {
  entry.fault = fault.mode
  entry.status = null
  if (fault.mode === "error500") {
    entry.status = 500
    res.writeHead(500, { "content-type": "application/json", "request-id": entry.id })
    res.end(JSON.stringify({ error: { type: "api_error", message: "An unknown error occurred (injected by the Stripe sandbox)." } }))
  } else if (fault.mode === "reset") {
    req.socket.resetAndDestroy()
  }
  // "timeout": leave the request unanswered; the socket closes when the client gives up or on close().
}

function headerValue(req: IncomingMessage, name: string): string | null {
  const v = req.headers[name]
  return (Array.isArray(v) ? v[0] : v) ?? null
}

function readBody(req: IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = []
    req.on("data", (c: Buffer) => chunks.push(c))
    req.on("end", () => resolve(Buffer.concat(chunks).toString("utf8")))
    req.on("error", reject)
  })
}
