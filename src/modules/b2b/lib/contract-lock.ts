/**
 * The lock a contract write holds while it checks for overlaps: one per
 * company and currency, the scope of "one active contract at a time".
 */
export function contractLockKey(companyId: string, currency: string): string {
  return `b2b-contract:${companyId}:${currency.toLowerCase()}`
}

/** How long a second write for the same company and currency waits before giving up (409-like 500 is avoided: writes are short). */
export const LOCK_TIMEOUT_SECONDS = 10

/** A crashed holder's lock expires after this long. */
export const LOCK_TTL_SECONDS = 30
