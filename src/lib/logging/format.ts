import { redactText, redactValue } from "./redact"

/** Where winston (Medusa's logger) reads the finished line from (triple-beam's MESSAGE). */
const MESSAGE = Symbol.for("message")

export type LogFormatMode = "json" | "pretty"

/** What Medusa's logger hands its format: level, message and whatever fields the call carried. */
export type LogInfo = { level: string; message?: unknown; [field: string]: unknown }

/** Winston's format contract, without depending on winston: transform the info, set its MESSAGE. */
export type LineFormat = { transform(info: LogInfo): LogInfo }

// Reporter internals that say nothing to a reader of a service's log.
const DROPPED = new Set(["level", "message", "timestamp", "config"])

/**
 * The line as a plain, redacted object: `timestamp`, `level`, `message`,
 * then the fields (the log context's ids first). Medusa's `error(…, err)`
 * puts a parsed stack under `stack`; it is kept as it is (redacted).
 */
export function toLogRecord(info: LogInfo, now: Date = new Date()): Record<string, unknown> {
  const record: Record<string, unknown> = {
    timestamp: now.toISOString(),
    level: info.level,
    message: messageOf(info.message),
  }
  for (const [key, value] of Object.entries(info)) {
    if (!DROPPED.has(key) && value !== undefined) record[key] = value
  }
  return redactValue(record) as Record<string, unknown>
}

/** One JSON object per line. A record is a redacted copy (no cycles), so only a bigint needs help. */
export function jsonLine(record: Record<string, unknown>): string {
  return JSON.stringify(record, (_key, value: unknown) => (typeof value === "bigint" ? value.toString() : value))
}

/** `12:04:05 info  invoice issued  order_id=order_01 invoice_id=binv_01`: for a developer's terminal. */
export function prettyLine(record: Record<string, unknown>): string {
  const { timestamp, level, message, stack: _stack, ...fields } = record
  const time = String(timestamp).slice(11, 19)
  const pairs = Object.entries(fields).map(([key, value]) => `${key}=${pairValue(value)}`)
  return `${time} ${String(level).padEnd(5)} ${String(message)}${pairs.length ? `  ${pairs.join(" ")}` : ""}`
}

/** The format install.ts puts on Medusa's logger: every line redacted, then written as JSON or text. */
export function lineFormat(mode: LogFormatMode, now: () => Date = () => new Date()): LineFormat {
  return {
    transform(info) {
      const record = toLogRecord(info, now())
      ;(info as Record<symbol, unknown>)[MESSAGE] = mode === "json" ? jsonLine(record) : prettyLine(record)
      return info
    },
  }
}

function messageOf(message: unknown): unknown {
  if (typeof message === "string") return redactText(message)
  if (message instanceof Error) return redactText(message.message)
  return message ?? ""
}

function pairValue(value: unknown): string {
  if (typeof value === "string") return /^[\w.:/@-]+$/.test(value) ? value : JSON.stringify(value)
  return typeof value === "object" && value !== null ? JSON.stringify(value) : String(value)
}
