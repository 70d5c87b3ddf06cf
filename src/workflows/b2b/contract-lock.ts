/**
 * The lock a contract write holds while it checks for overlaps: one per
 * company and currency, the scope of "one active contract at a time".
 */
export function contractLockKey(companyId: string, currency: string): string {
  return `b2b-contract:${companyId}:${currency.toLowerCase()}`
}
