import { randomBytes } from "node:crypto"
import type Stripe from "stripe"

/**
 * A 5xx answer from Stripe (an api_error), fresh or replayed under its
 * idempotency key. Stripe saves the answer of every request whose endpoint
 * began executing, 500s included, and replays it to each later call with the
 * key until the key is pruned, at least 24 h later
 * (https://docs.stripe.com/api/idempotent_requests): retrying under the same
 * key cannot get past it. A 409 (key in use by a concurrent request) is a
 * StripeAPIError too, but no server error: the SDK retries it, and a later
 * run retries it under the same key.
 */
export function isStripeServerError(error: unknown): boolean {
  const e = error as { type?: unknown; statusCode?: unknown } | null
  return (
    typeof e?.type === "string" &&
    e.type.startsWith("Stripe") &&
    typeof e.statusCode === "number" &&
    e.statusCode >= 500
  )
}

/**
 * The key for repeating a call whose deterministic key is stuck on a saved
 * 5xx: the same key plus a random suffix. A random key cannot dedupe against
 * an earlier attempt, and need not: a fresh key is only ever used right after
 * looking up in Stripe what any earlier attempt — under the deterministic key
 * or an earlier fresh one, whose answer may have been lost — created, by
 * strongly consistent reads (a retrieve, or a list by customer / email; never
 * search), and under a lock that keeps a concurrent run from doing the same
 * (the invoice's lock; for the company's customer, `exclusive`). Random, not
 * counted: a counter would have to be stored, and a fresh key that got a
 * saved 5xx itself is never reused.
 */
export function freshKey(key: string): string {
  return `${key}:r${randomBytes(4).toString("hex")}`
}

/** One recovery per run of the sequence; a second 5xx fails the run as before, and the next run (reconcile job, admin retry) recovers again. */
export type RecoveryBudget = { spent: boolean }

/**
 * `call` under `key`; on a Stripe 5xx — once per run (`budget`) — what Stripe
 * already has (`existing`; undefined = nothing yet), or else `call` again
 * under a fresh key. `existing: null` = no safe way to look: the error stands.
 * `exclusive` runs the look-then-create under a lock.
 */
export async function callWithRecovery<T>(
  budget: RecoveryBudget,
  key: string,
  call: (idempotencyKey: string) => Promise<T>,
  existing: (() => Promise<T | undefined>) | null,
  exclusive: <R>(job: () => Promise<R>) => Promise<R> = (job) => job()
): Promise<T> {
  try {
    return await call(key)
  } catch (error) {
    if (!isStripeServerError(error) || budget.spent || !existing) throw error
    budget.spent = true
    return await exclusive(async () => (await existing()) ?? (await call(freshKey(key))))
  }
}

/**
 * The company's Stripe customer, if one exists: listed by billing email
 * (customers.list filters by exact email and, unlike customers.search, is
 * strongly consistent, so it sees a customer created a moment ago) and picked
 * by our metadata. The oldest if there are several, so every run settles on
 * the same one. (A customer created under a billing email the company has
 * since changed is not found: the email filter is exact.)
 */
export async function findCompanyCustomer(
  stripe: Stripe,
  companyId: string,
  email: string
): Promise<string | undefined> {
  let oldest: string | undefined
  // Newest first: the last match is the oldest.
  for await (const customer of stripe.customers.list({ email, limit: 100 })) {
    if (customer.metadata?.medusa_company_id === companyId) oldest = customer.id
  }
  return oldest
}
