/**
 * Secret scrubbing for everything a connector logs or puts in an error. Two nets: known secret
 * values (client secrets, private keys, passwords, and every access token as it is issued) are
 * replaced wherever they appear, and values under secret-looking keys are replaced whatever
 * they are.
 *
 * @module
 */
import type { Logger } from "./types"

export const REDACTED = "[REDACTED]"

// Shorter strings would blank out ordinary words; real secrets are far longer.
const MIN_SECRET_LENGTH = 6

const SECRET_KEY = /authorization|token|secret|password|passwd|assertion|private|api[-_]?key|cookie|credential/i

export class Redactor {
  private readonly secrets = new Set<string>()

  /** Registers secret values; a PEM key is registered whole and line by line. */
  add(...values: Array<string | undefined | null>): this {
    for (const value of values) {
      if (!value || value.length < MIN_SECRET_LENGTH) continue
      this.secrets.add(value)
      if (value.includes("-----BEGIN")) {
        for (const line of value.split(/\r?\n/)) {
          if (line.length >= 16 && !line.startsWith("-----")) this.secrets.add(line.trim())
        }
      }
    }
    return this
  }

  /** Forgets values that can no longer appear (a superseded token), keeping `redact` cheap. */
  remove(...values: Array<string | undefined>): this {
    for (const value of values) if (value) this.secrets.delete(value)
    return this
  }

  redact(text: string): string {
    let out = text
    for (const secret of this.secrets) {
      if (out.includes(secret)) out = out.split(secret).join(REDACTED)
    }
    return out
  }

  /** Deep copy with secret keys blanked and secret values scrubbed from every string. */
  redactValue(value: unknown, depth = 0): unknown {
    if (typeof value === "string") return this.redact(value)
    if (value === null || typeof value !== "object" || depth > 8) return value
    if (Array.isArray(value)) return value.map((v) => this.redactValue(v, depth + 1))
    if (value instanceof Error) return this.redact(`${value.name}: ${value.message}`)
    const out: Record<string, unknown> = {}
    for (const [key, member] of Object.entries(value)) {
      out[key] = SECRET_KEY.test(key) && member != null ? REDACTED : this.redactValue(member, depth + 1)
    }
    return out
  }
}

const noop = (): void => undefined

export const silentLogger: Logger = { debug: noop, info: noop, warn: noop, error: noop }

/** Wraps a (possibly partial) logger so every message and meta object passes through the redactor. */
export function redactingLogger(logger: Partial<Logger> | undefined, redactor: Redactor): Logger {
  const wrap =
    (fn: Logger["info"] | undefined): Logger["info"] =>
    (message, meta) => {
      if (!fn) return
      fn.call(logger, redactor.redact(message), meta && (redactor.redactValue(meta) as Record<string, unknown>))
    }
  return { debug: wrap(logger?.debug), info: wrap(logger?.info), warn: wrap(logger?.warn), error: wrap(logger?.error) }
}
