import { logger as medusaLogger } from "@medusajs/framework/logger"
import { currentLogContext } from "./context"
import { lineFormat, type LineFormat, type LogFormatMode } from "./format"

/** The part of winston's Logger this file touches. */
export type WinstonLogger = {
  format: LineFormat | unknown
  defaultMeta?: unknown
  transports: Array<{ format?: unknown }>
}

const installed = new WeakSet<object>()

/**
 * LOG_FORMAT=json|pretty; unset, Medusa's own rule: readable when NODE_ENV
 * starts with "dev" (`medusa develop`), JSON otherwise (`medusa start` sets
 * production, so a service always writes JSON lines).
 */
export function logFormatMode(env: NodeJS.ProcessEnv = process.env): LogFormatMode {
  const wanted = env.LOG_FORMAT?.trim().toLowerCase()
  if (wanted === "json" || wanted === "pretty") return wanted
  if (wanted) throw new Error(`LOG_FORMAT must be "json" or "pretty", not "${env.LOG_FORMAT}"`)
  return (env.NODE_ENV || "development").startsWith("dev") ? "pretty" : "json"
}

/**
 * The winston logger inside Medusa's Reporter (the `logger` every module,
 * workflow and `@medusajs/framework/logger` import share). Medusa exposes no
 * setter for its format; LOG_LEVEL and LOG_FILE keep working as they do.
 */
export function winstonOf(reporter: unknown = medusaLogger): WinstonLogger {
  const inner = (reporter as { loggerInstance_?: WinstonLogger }).loggerInstance_
  if (!inner || !Array.isArray(inner.transports)) throw new Error("Medusa's logger no longer wraps a winston logger")
  return inner
}

/**
 * Makes Medusa's logger write structured, redacted lines carrying the log
 * context (request id, order id, …). Idempotent; medusa-config.ts calls it,
 * so it runs in every process that loads the app (server, worker, exec, tests).
 */
export function installStructuredLogging(reporter: unknown = medusaLogger, env = process.env): LogFormatMode {
  const mode = logFormatMode(env)
  const winston = winstonOf(reporter)
  if (installed.has(winston)) return mode
  installed.add(winston)
  winston.format = lineFormat(mode)
  // Medusa gives its development console its own `cli` format, which would write over ours.
  for (const transport of winston.transports) transport.format = undefined
  // Winston merges defaultMeta into a line when the call is made, so the
  // context is read in the caller's async scope even if the line is written
  // later (winston buffers behind a slow transport such as LOG_FILE).
  Object.defineProperty(winston, "defaultMeta", { get: currentLogContext, set: () => undefined, configurable: true })
  return mode
}
