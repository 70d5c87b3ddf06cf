import { createHash, timingSafeEqual } from "node:crypto"
import { hubMetrics } from "./registry"

/**
 * Scrape-time gauges and the scrape itself. A module registers a source (a
 * function that reads what it owns, through its own service, and sets
 * gauges); every scrape runs them all, each bounded by a timeout, then
 * renders the registry. A source that fails or is late leaves its gauges at
 * their previous values and reports `backy_metrics_source_up{source} 0`.
 */

export type ScrapeSource = () => Promise<void>

/** A scrape waits this long for each source (their SQL has a shorter statement timeout). */
export const SOURCE_TIMEOUT_MS = 3_000

/** What the scrape endpoints need of the configuration (HubConfig["metrics"]). */
export type MetricsSettings = { token?: string; port?: number; host: string }

type ScrapeState = { sources: Map<string, ScrapeSource>; settings?: MetricsSettings }

const KEY = Symbol.for("backy.metrics.scrape")

function state(): ScrapeState {
  const global = globalThis as { [KEY]?: ScrapeState }
  global[KEY] ??= { sources: new Map() }
  return global[KEY]
}

/** Registers (or replaces) the source called `name` (a module's name: "outbox", "invoicing", "erp"). */
export function registerScrapeSource(name: string, source: ScrapeSource): void {
  state().sources.set(name, source)
}

/** The metrics settings this process was configured with (by the outbox module, from HubConfig). */
export function configureMetrics(settings: MetricsSettings): void {
  state().settings = settings
}

export function metricsSettings(): MetricsSettings | undefined {
  return state().settings
}

/**
 * Runs every registered source (and `extra`, the caller's own), then renders
 * the registry in Prometheus' text format.
 */
export async function scrapeMetrics(
  extra: Record<string, ScrapeSource> = {},
  timeoutMs = SOURCE_TIMEOUT_MS
): Promise<{ contentType: string; body: string }> {
  const metrics = hubMetrics()
  const sources = [...state().sources, ...Object.entries(extra)]
  await Promise.all(
    sources.map(async ([name, source]) => {
      const up = await withinTimeout(source, timeoutMs)
      metrics.sourceUp.set({ source: name }, up ? 1 : 0)
    })
  )
  return { contentType: metrics.registry.contentType, body: await metrics.registry.metrics() }
}

async function withinTimeout(source: ScrapeSource, timeoutMs: number): Promise<boolean> {
  let timer: NodeJS.Timeout | undefined
  const late = new Promise<boolean>((resolve) => {
    timer = setTimeout(() => resolve(false), timeoutMs)
  })
  try {
    return await Promise.race([source().then(() => true), late])
  } catch {
    return false
  } finally {
    clearTimeout(timer)
  }
}

export type ScrapeAuthorization = "not_configured" | "unauthorized" | "ok"

/**
 * Checks a request's Authorization header against METRICS_TOKEN:
 * `not_configured` (answer 404: the endpoint does not exist), `unauthorized`
 * (401) or `ok`. The comparison takes the same time whatever matches: both
 * sides are hashed to a fixed length first.
 */
export function authorizeScrape(authorization: string | undefined, token: string | undefined): ScrapeAuthorization {
  if (!token) return "not_configured"
  const presented = /^Bearer\s+(\S+)\s*$/i.exec(authorization ?? "")?.[1] ?? ""
  const digest = (value: string) => createHash("sha256").update(value, "utf8").digest()
  return timingSafeEqual(digest(presented), digest(token)) ? "ok" : "unauthorized"
}

/** The challenge of a 401. */
export const METRICS_CHALLENGE = 'Bearer realm="backy-metrics"'

/**
 * A source's value, recomputed at most once per `ttlMs`: scrapes within it
 * reuse the last one, and concurrent scrapes share one computation. For
 * expensive figures (the money drift report).
 */
export function cachedFor<T>(ttlMs: number, compute: () => Promise<T>, now: () => number = Date.now) {
  let last: { at: number; value: T } | undefined
  let running: Promise<T> | undefined
  return async (): Promise<T> => {
    if (last && now() - last.at < ttlMs) return last.value
    running ??= compute()
      .then((value) => {
        last = { at: now(), value }
        return value
      })
      .finally(() => {
        running = undefined
      })
    return await running
  }
}
