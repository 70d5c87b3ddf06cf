import { loadHubConfig, type HubConfig } from "../config/env"
import type { ShippedMigration } from "./shipped-migrations"

/**
 * What `GET /health/ready` answers: every check with its verdict, the whole
 * ready only when each one is. Nothing here may carry a secret: reasons are
 * built from error codes and messages with credentials cut out.
 */

/** One check's verdict: `reason` says why it failed; other fields are details (numbers, names). */
export type CheckResult = { ok: boolean; reason?: string } & Record<string, unknown>

export type Check = () => Promise<CheckResult>

export type ReadinessReport = {
  status: "ready" | "not_ready"
  checks: Record<string, CheckResult & { duration_ms: number }>
}

/**
 * Runs the checks side by side, each against its own deadline: a hung
 * dependency fails its check after `timeoutMs` instead of hanging the probe.
 * A check that throws fails with the error's description.
 */
export async function runReadinessChecks(checks: Record<string, Check>, timeoutMs: number): Promise<ReadinessReport> {
  const entries = await Promise.all(
    Object.entries(checks).map(async ([name, check]) => {
      const started = performance.now()
      const result = await withDeadline(check, timeoutMs)
      return [name, { ...result, duration_ms: Math.round(performance.now() - started) }] as const
    })
  )
  const results = Object.fromEntries(entries)
  return { status: entries.every(([, r]) => r.ok) ? "ready" : "not_ready", checks: results }
}

async function withDeadline(check: Check, timeoutMs: number): Promise<CheckResult> {
  let timer: NodeJS.Timeout | undefined
  const deadline = new Promise<CheckResult>((resolve) => {
    timer = setTimeout(() => resolve({ ok: false, reason: `no answer within ${timeoutMs} ms` }), timeoutMs)
  })
  try {
    return await Promise.race([
      check().catch((error: unknown): CheckResult => ({ ok: false, reason: describeFailure(error) })),
      deadline,
    ])
  } finally {
    clearTimeout(timer)
  }
}

const NETWORK_CODES: Record<string, string> = {
  ECONNREFUSED: "connection refused",
  ECONNRESET: "connection reset",
  ETIMEDOUT: "connection timed out",
  EHOSTUNREACH: "host unreachable",
  ENETUNREACH: "network unreachable",
  ENOTFOUND: "host not found",
  EAI_AGAIN: "host name lookup failed",
  EPIPE: "connection closed",
}

/**
 * An error as one line an unauthenticated caller may read: network errors by
 * their code (no address), anything else by its first line with any
 * `scheme://user:password@` credentials cut, at most 200 characters.
 */
export function describeFailure(error: unknown): string {
  const code = (error as { code?: unknown } | null)?.code
  if (typeof code === "string" && NETWORK_CODES[code]) return `${NETWORK_CODES[code]} (${code})`
  const message = error instanceof Error ? error.message : String(error)
  const line = (message.split("\n")[0] || "unknown error").replace(/\/\/[^/@\s]*@/g, "//***@")
  return line.length > 200 ? `${line.slice(0, 199)}…` : line
}

/** The due deliveries of one kind that wait for a worker: how many, and how long the oldest has been due (0: none). */
export type Backlog = { due: number; oldestDueSeconds: number }

/** Fails when the oldest due item has waited longer than `maxSeconds` (0: reports only, never fails). */
export function backlogCheck(what: string, backlog: Backlog, maxSeconds: number): CheckResult {
  const waited = Math.floor(backlog.oldestDueSeconds)
  const details = { due: backlog.due, oldest_due_seconds: waited, max_seconds: maxSeconds }
  if (maxSeconds === 0 || waited <= maxSeconds) return { ok: true, ...details }
  return {
    ok: false,
    reason: `the oldest due ${what} has waited ${waited} s (limit ${maxSeconds} s, ${backlog.due} due): are the workers running and keeping up?`,
    ...details,
  }
}

/** The lanes of one target summed: the due counts added, the oldest wait kept. */
export function sumBacklog(lanes: Backlog[]): Backlog {
  return {
    due: lanes.reduce((n, l) => n + l.due, 0),
    oldestDueSeconds: lanes.reduce((oldest, l) => Math.max(oldest, l.oldestDueSeconds), 0),
  }
}

/** At most this many pending migrations are named in the answer. */
const NAMED_PENDING = 20

/**
 * Every migration the app ships must be recorded as applied. Medusa records
 * each module's migrations by name in `mikro_orm_migrations`.
 */
export function migrationsCheck(shipped: ShippedMigration[], applied: Iterable<string>): CheckResult {
  const done = new Set(applied)
  const pending = shipped.filter((m) => !done.has(m.name))
  if (!pending.length) return { ok: true, applied: shipped.length }
  const modules = [...new Set(pending.map((m) => m.module))]
  return {
    ok: false,
    reason: `${pending.length} migration(s) not applied (modules: ${modules.join(", ")}): run medusa db:migrate`,
    pending: pending.slice(0, NAMED_PENDING).map((m) => `${m.module}/${m.name}`),
  }
}

let settings: HubConfig["readiness"] | undefined

/** READY_* settings, read once (loadHubConfig has validated them when medusa-config.ts loaded). */
export function readinessSettings(): HubConfig["readiness"] {
  settings ??= loadHubConfig().readiness
  return settings
}
