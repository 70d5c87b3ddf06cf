// The words of a quote's life, in one place: the models, the service's guarded transitions, the APIs and the event schemas use them.

/**
 * requested → quoted (staff sent a version) → accepted | rejected | expired |
 * withdrawn; `revision_requested` is the buyer asking staff for another
 * version (it behaves as requested). `pending_approval`: the buyer accepted
 * but the company's approval rules hold the order; approval places it
 * (accepted), a rejection or expiry of the approval returns the quote to
 * quoted.
 */
export const QUOTE_STATUSES = [
  "requested",
  "revision_requested",
  "quoted",
  "pending_approval",
  "accepted",
  "rejected",
  "expired",
  "withdrawn",
] as const
export type QuoteStatus = (typeof QUOTE_STATUSES)[number]

/** Staff may revise and send while the buyer has not decided. */
export const REVISABLE_STATUSES: readonly QuoteStatus[] = ["requested", "revision_requested", "quoted"]
/** A quote that can still change hands: withdraw and messages are allowed. */
export const OPEN_STATUSES: readonly QuoteStatus[] = ["requested", "revision_requested", "quoted"]

export const QUOTE_AUTHOR_TYPES = ["employee", "user"] as const
export type QuoteAuthorType = (typeof QUOTE_AUTHOR_TYPES)[number]
