/**
 * The engine's logger: a message and structured fields (`delivery_id`,
 * `event_id`, `endpoint_id`, …), so a host writes them as fields of a JSON
 * line instead of parsing them back out of text. Optional everywhere; the
 * engine is silent without one.
 * @module
 */
export interface WebhookLogger {
  debug(message: string, fields?: Record<string, unknown>): void
  info(message: string, fields?: Record<string, unknown>): void
  warn(message: string, fields?: Record<string, unknown>): void
  error(message: string, fields?: Record<string, unknown>): void
}
