import type { IncomingMessage, ServerResponse } from "node:http"
import type { HandlerContext } from "./context"
import { ApiError, invalidApiKey, noApiKey, unrecognizedUrl } from "./errors"
import type { ArmedFault, FaultPlan } from "./faults"
import { parseForm } from "./form"
import { newId } from "./ids"
import { fingerprint, type IdempotencyStore } from "./idempotency"
import type { EndpointContract } from "./openapi/schema"
import { checkRequest, checkResponse } from "./openapi/validate"
import { Params } from "./params"
import { findRoute } from "./routes"
import type { ContractViolation, RequestLogEntry } from "./sandbox"
import type { Store } from "./store"
import { API_VERSION, type EventBus } from "./webhooks"

export interface ApiDeps {
  store: Store
  bus: EventBus
  faults: FaultPlan
  idempotency: IdempotencyStore
  log: RequestLogEntry[]
  /** Answers (and events) the sandbox produced that break the contract: sandbox bugs. */
  violations: ContractViolation[]
  /** Keep each answer's body on its log entry (`response`). */
  recordResponses: boolean
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

/** The HTTP entry point: log → fault (before) → auth/parse → idempotency → fault (during) / handler → fault (after) → answer. */
export function createApiListener(deps: ApiDeps) {
  return (req: IncomingMessage, res: ServerResponse): void => {
    readBody(req)
      .then((body) => handle(deps, req, res, body))
      .catch(() => req.destroy())
  }
}

async function handle(deps: ApiDeps, req: IncomingMessage, res: ServerResponse, rawBody: string): Promise<void> {
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
  const answer = checkedAnswer(
    deps,
    entry,
    await execute(deps, req, entry, method === "POST" ? rawBody : url.search.slice(1), fault)
  )
  if (fault && losesAnswer(fault, entry)) return applyFault(fault, req, res, entry)
  entry.status = answer.status
  if (deps.recordResponses) entry.response = answer.body
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

/** "after" always drops the answer; "during" timeout/reset drop the 500 they saved (when the endpoint did begin). */
function losesAnswer(fault: ArmedFault, entry: RequestLogEntry): boolean {
  if (fault.when === "after") return true
  return fault.when === "during" && entry.fault !== null && (fault.mode === "timeout" || fault.mode === "reset")
}

async function execute(
  deps: ApiDeps,
  req: IncomingMessage,
  entry: RequestLogEntry,
  form: string,
  fault: ArmedFault | undefined
): Promise<Answer> {
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
    entry.endpoint = `${route.endpoint.method} ${route.endpoint.path}`
    // Parameters are checked before the endpoint runs, so Stripe stores none of these answers under a key.
    const refused = checkRequest(route.endpoint, entry.params)
    if (refused) throw refused
    const begin = () => beginEndpoint(entry, fault, () => run(deps, entry, route.handler, route.ids, route.endpoint))
    const key = entry.idempotencyKey
    if (!key) return (await begin()).answer
    const print = fingerprint(entry.params)
    const stored = deps.idempotency.lookup(key, entry.method, entry.path, print)
    if (stored) {
      entry.executed = true
      entry.replayed = true
      return { status: stored.status, body: stored.body, replayedFrom: stored.requestId }
    }
    // Claimed until the answer is saved: a concurrent request with the key gets 409 idempotency_key_in_use.
    deps.idempotency.begin(key)
    try {
      const { answer, storable } = await begin()
      if (storable) {
        deps.idempotency.save(key, {
          method: entry.method,
          path: entry.path,
          fingerprint: print,
          ...answer,
          requestId: entry.id,
        })
      }
      return answer
    } finally {
      deps.idempotency.end(key)
    }
  } catch (err) {
    return errorAnswer(err)
  }
}

/**
 * The endpoint begins executing: a "slow" fault delays it (its key in use
 * meanwhile), a "during" fault fails it before it does anything — a 500
 * api_error that, having begun, is saved under the key like any answer.
 */
async function beginEndpoint(
  entry: RequestLogEntry,
  fault: ArmedFault | undefined,
  runHandler: () => { answer: Answer; storable: boolean }
): Promise<{ answer: Answer; storable: boolean }> {
  if (fault?.mode === "slow") {
    entry.fault = "slow"
    await new Promise((resolve) => setTimeout(resolve, fault.delayMs).unref())
  } else if (fault?.when === "during") {
    entry.fault = fault.mode
    return { answer: { status: 500, body: JSON.stringify(injected500()) }, storable: true }
  }
  return runHandler()
}

const injected500 = () => ({
  error: { type: "api_error", message: "An unknown error occurred (injected by the Stripe sandbox)." },
})

/** Runs one handler; `storable` is false for validation errors (Stripe doesn't save those under a key). */
function run(
  deps: ApiDeps,
  entry: RequestLogEntry,
  handler: (ctx: HandlerContext, params: Params, ids: string[]) => object,
  ids: string[],
  endpoint: EndpointContract
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
    const problems = checkResponse(endpoint.response, body, `${endpoint.method} ${endpoint.path}`)
    // A sandbox bug: never replay it under the key, and make the client fail.
    if (problems.length) return { answer: violationAnswer(deps, entry, problems), storable: false }
    return { answer: { status: 200, body: JSON.stringify(body) }, storable: true }
  } catch (err) {
    const storable = err instanceof ApiError ? err.storable : false
    entry.executed = storable
    return { answer: errorAnswer(err), storable }
  }
}

/** Error answers must fit Stripe's `error` object too. */
function checkedAnswer(deps: ApiDeps, entry: RequestLogEntry, answer: Answer): Answer {
  if (answer.status === 200 || answer.replayedFrom) return answer
  const problems = checkResponse({ ref: "error" }, JSON.parse(answer.body), "error")
  return problems.length ? violationAnswer(deps, entry, problems) : answer
}

function violationAnswer(deps: ApiDeps, entry: RequestLogEntry, problems: string[]): Answer {
  deps.violations.push({ at: Date.now(), requestId: entry.id, source: `${entry.method} ${entry.path}`, problems })
  const shown = problems.slice(0, 5).join("; ") + (problems.length > 5 ? `; and ${problems.length - 5} more` : "")
  // Loud on purpose: the client may retry or swallow the 500, the log keeps the cause.
  console.error(`Stripe sandbox contract violation (${entry.method} ${entry.path}, ${entry.id}): ${shown}`)
  return {
    status: 500,
    body: JSON.stringify({ error: { type: "api_error", message: `Stripe sandbox contract violation: ${shown}` } }),
  }
}

function errorAnswer(err: unknown): Answer {
  if (err instanceof ApiError) return { status: err.status, body: JSON.stringify(err.toBody()) }
  // A sandbox bug: answer like Stripe's 500 so the client's error path runs, and say what broke.
  const message = err instanceof Error ? err.message : String(err)
  return {
    status: 500,
    body: JSON.stringify({ error: { type: "api_error", message: `Stripe sandbox internal error: ${message}` } }),
  }
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
    res.end(JSON.stringify(injected500()))
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
