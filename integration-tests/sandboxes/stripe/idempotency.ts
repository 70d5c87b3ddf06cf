import { ApiError } from "./errors"
import type { FormObject } from "./form"

/** What Stripe saves for a key: the request's identity and the full answer. */
export interface StoredAnswer {
  method: string
  path: string
  fingerprint: string
  status: number
  body: string
  requestId: string
}

/** Stripe's limit on Idempotency-Key length. */
const MAX_KEY_LENGTH = 255

/** Order-insensitive fingerprint of the parameters. */
export function fingerprint(params: FormObject): string {
  return JSON.stringify(params, (_key, value: unknown) =>
    value && typeof value === "object" && !Array.isArray(value)
      ? Object.fromEntries(Object.entries(value as Record<string, unknown>).sort(([a], [b]) => a.localeCompare(b)))
      : value
  )
}

const idempotencyError = (message: string) => new ApiError(400, "idempotency_error", message, undefined, undefined, false)

/**
 * Keys live for the sandbox's lifetime (Stripe prunes after 24 h). Looking up a
 * key used with another endpoint or other parameters is an idempotency_error.
 */
export class IdempotencyStore {
  private readonly answers = new Map<string, StoredAnswer>()

  /** The stored answer to replay, or undefined when the key is new. Throws on misuse. */
  lookup(key: string, method: string, path: string, print: string): StoredAnswer | undefined {
    if (key.length > MAX_KEY_LENGTH) {
      throw new ApiError(400, "invalid_request_error", `Idempotency keys can be at most ${MAX_KEY_LENGTH} characters long.`, undefined, undefined, false)
    }
    const stored = this.answers.get(key)
    if (!stored) return undefined
    if (stored.method !== method || stored.path !== path) {
      throw idempotencyError(
        `Keys for idempotent requests can only be used for the same endpoint they were first used for ('${stored.method} ${stored.path}' vs '${method} ${path}'). Try using a key other than '${key}' if you meant to execute a different request.`
      )
    }
    if (stored.fingerprint !== print) {
      throw idempotencyError(
        `Keys for idempotent requests can only be used with the same parameters they were first used with. Try using a key other than '${key}' if you meant to execute a different request.`
      )
    }
    return stored
  }

  save(key: string, answer: StoredAnswer): void {
    this.answers.set(key, answer)
  }

  size(): number {
    return this.answers.size
  }
}
