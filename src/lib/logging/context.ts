import { AsyncLocalStorage } from "node:async_hooks"

/** Ids that say which request, order, invoice, delivery… a log line belongs to. */
export type LogFields = Record<string, unknown>

// One store per async flow: an HTTP request, a queue job, a subscriber run.
// Code deep in a workflow step logs through Medusa's logger and the line
// still names the request or the order, without the ids being passed down.
const storage = new AsyncLocalStorage<Readonly<LogFields>>()

/**
 * Runs `fn` with `fields` added to the current log context (inner scopes
 * win on a name clash); every line logged inside, at any depth, carries
 * them. Undefined fields are left out, so `{ order_id: maybe }` is safe.
 */
export function withLogContext<T>(fields: LogFields, fn: () => T): T {
  const merged: LogFields = { ...storage.getStore() }
  for (const [key, value] of Object.entries(fields)) if (value !== undefined) merged[key] = value
  return storage.run(merged, fn)
}

/** The fields of the current scope ({} outside any). */
export function currentLogContext(): Readonly<LogFields> {
  return storage.getStore() ?? EMPTY
}

const EMPTY: Readonly<LogFields> = Object.freeze({})
