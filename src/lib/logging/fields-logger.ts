import { withLogContext, type LogFields } from "./context"

type Level = "debug" | "info" | "warn" | "error"

/**
 * The logger interface of the framework-free packages (connectors/,
 * webhooks/): a message plus structured fields. Structurally the same as
 * connectors' `Logger` and webhooks' `WebhookLogger`.
 */
export type FieldsLogger = Record<Level, (message: string, fields?: LogFields) => void>

/** Medusa's logger, or the narrower shape a module keeps of it; a missing level logs nothing. */
export type MessageLogger = Partial<Record<Level, (message: string) => void>>

/** Logs one line with `fields` on it (Medusa's logger methods take a message only). */
export function logWith(logger: MessageLogger, level: Level, message: string, fields: LogFields): void {
  withLogContext(fields, () => logger[level]?.(message))
}

/** Medusa's logger as a FieldsLogger: each call's fields become fields of its line. */
export function fieldsLogger(logger: MessageLogger): FieldsLogger {
  const at =
    (level: Level) =>
    (message: string, fields?: LogFields): void =>
      logWith(logger, level, message, fields ?? {})
  return { debug: at("debug"), info: at("info"), warn: at("warn"), error: at("error") }
}
