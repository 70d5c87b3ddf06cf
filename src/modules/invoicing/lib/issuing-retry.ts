/** An issuing run that has not moved for this long is taken as dead (crash) and run again. */
export const STUCK_AFTER_MS = 2 * 60 * 1000
/** After this many failed issuing attempts an invoice waits for an operator (POST /admin/invoices/:id/retry). */
export const MAX_AUTO_ATTEMPTS = 10

/** Invoice statuses an issuing run can still be working on (paid and void end it). */
export const UNSETTLED_STATUSES = ["pending", "draft", "open", "uncollectible"] as const

type IssuingState = {
  status: string
  progress?: string | null
  last_error?: string | null
  attempts?: number | null
  updated_at: Date | string
}

/**
 * The issuing run of this invoice died (a killed worker) rather than failed:
 * not sent, no error recorded, not touched since `idleBefore`, and under the
 * automatic attempt limit. A failed run records `last_error` and is retried on
 * invoices-reconcile's slower schedule; a dead one records nothing, so only
 * its idleness tells. Running the issuing workflow again is safe either way:
 * it resumes under the invoice's lock and replays its Stripe keys.
 */
export function isDeadIssuingRun(invoice: IssuingState, idleBefore: Date): boolean {
  return (
    invoice.progress !== "sent" &&
    (UNSETTLED_STATUSES as readonly string[]).includes(invoice.status) &&
    !invoice.last_error &&
    (invoice.attempts ?? 0) < MAX_AUTO_ATTEMPTS &&
    new Date(invoice.updated_at).getTime() < idleBefore.getTime()
  )
}
