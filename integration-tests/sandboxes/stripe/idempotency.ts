import { ApiError } from "./errors"
import type { FormObject } from "./form"

/** What Stripe saves for a key: the request's identity, the full answer, and when (sandbox clock, Unix seconds). */
export interface StoredAnswer {
  method: string
  path: string
  fingerprint: string
  status: number
  body: string
  requestId: string
  savedAt: number
}

/** Stripe's limit on Idempotency-Key length. */
const MAX_KEY_LENGTH = 255

/**
 * "You can remove keys from the system automatically after they're at least
 * 24 hours old. We generate a new request if a key is reused after the
 * original is pruned." (https://docs.stripe.com/api/idempotent_requests).
 * The sandbox prunes at exactly 24 h, the earliest Stripe may.
 */
export const KEY_RETENTION_SECONDS = 24 * 60 * 60

/** Order-insensitive fingerprint of the parameters. */
export function fingerprint(params: FormObject): string {
  return JSON.stringify(params, (_key, value: unknown) =>
    value && typeof value === "object" && !Array.isArray(value)
      ? Object.fromEntries(Object.entries(value as Record<string, unknown>).sort(([a], [b]) => a.localeCompare(b)))
      : value
  )
}

const idempotencyError = (message: string) =>
  new ApiError(400, "idempotency_error", message, undefined, undefined, false)

/**
 * A request with a key another request is still executing: 409, code
 * idempotency_key_in_use, and nothing saved ("If incoming parameters fail
 * validation, or the request conflicts with another that's executing
 * concurrently, no idempotent result is saved",
 * https://docs.stripe.com/api/idempotent_requests). stripe-node retries 409s.
 */
export const keyInUse = (key: string) =>
  new ApiError(
    409,
    "idempotency_error",
    `There is currently another in-progress request using this Idempotency-Key ('${key}'). Please try again later.`,
    "idempotency_key_in_use",
    undefined,
    false
  )

/**
 * Saved answers by key, each pruned 24 h (sandbox clock) after it was saved,
 * plus the keys of requests executing right now. Looking up a key used with
 * another endpoint or other parameters is an idempotency_error.
 */
export class IdempotencyStore {
  private readonly answers = new Map<string, StoredAnswer>()
  private readonly executing = new Set<string>()

  /** `nowSeconds`: the sandbox clock (Store.now), which tests can advance. */
  constructor(private readonly nowSeconds: () => number) {}

  /** The stored answer to replay, or undefined when the key is new (or pruned). Throws on misuse. */
  lookup(key: string, method: string, path: string, print: string): StoredAnswer | undefined {
    if (key.length > MAX_KEY_LENGTH) {
      throw new ApiError(
        400,
        "invalid_request_error",
        `Idempotency keys can be at most ${MAX_KEY_LENGTH} characters long.`,
        undefined,
        undefined,
        false
      )
    }
    const stored = this.answers.get(key)
    if (!stored) return undefined
    if (this.nowSeconds() - stored.savedAt >= KEY_RETENTION_SECONDS) {
      this.answers.delete(key)
      return undefined
    }
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

  /** Marks the key in use while its request executes; throws keyInUse when another request holds it. */
  begin(key: string): void {
    if (this.executing.has(key)) throw keyInUse(key)
    this.executing.add(key)
  }

  end(key: string): void {
    this.executing.delete(key)
  }

  save(key: string, answer: Omit<StoredAnswer, "savedAt">): void {
    this.answers.set(key, { ...answer, savedAt: this.nowSeconds() })
  }

  size(): number {
    return this.answers.size
  }
}
