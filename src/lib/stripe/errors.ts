/** Stripe has no such object (404 resource_missing): never created, or deleted (a draft invoice). */
export function isStripeNotFound(error: unknown): boolean {
  const e = error as { statusCode?: number; code?: string }
  return e?.statusCode === 404 || e?.code === "resource_missing"
}

/**
 * Stripe refused an idempotency key because it was first used with other
 * parameters or on another endpoint (400 idempotency_error, "Keys for
 * idempotent requests can only be used with the same parameters they were
 * first used with"). Not the 409 of a key another request is still using:
 * that one passes once the request ends.
 */
export function isStripeIdempotencyMismatch(error: unknown): boolean {
  const e = error as { type?: unknown; rawType?: unknown; statusCode?: unknown } | null
  return (e?.type === "StripeIdempotencyError" || e?.rawType === "idempotency_error") && e?.statusCode === 400
}
