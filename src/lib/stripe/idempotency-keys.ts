/**
 * An invoice's key epoch, as its keys carry it: nothing for epoch 0, so every
 * key issued before epochs existed stays byte-identical, `:e<n>` after the
 * parameters of its create call had to change n times (the invoice's
 * `stripe_key_epoch`, src/modules/invoicing/lib/key-epoch.ts says when).
 */
const epochSuffix = (epoch: number) => (epoch > 0 ? `:e${epoch}` : "")

/**
 * Idempotency keys for every Stripe POST, built from our own ids and the step
 * (never random, never a Medusa row id that is recreated on retry — see
 * medusajs/medusa#16292 and #16681). Bump the version suffix when the
 * parameters of a step legitimately change. The one exception: a key Stripe
 * holds a saved 5xx under is repeated as `<key>:r<random>`, only after
 * looking up what exists (src/modules/invoicing/lib/issue-recovery.ts).
 */
export const stripeKeys = {
  customer: (companyId: string) => `cus:${companyId}:v1`,
  // An order's invoices are numbered by `sequence` (1 = the order's own
  // invoice, then each reissue or supplementary invoice): the sequence is the
  // key's version, so invoice 1 keeps the `:v1` keys it always had and a
  // reissue after an edit (`:v2`, …) is a new Stripe object, never a replay.
  // The issuing sequence's keys also carry the invoice's key epoch: a create
  // with other parameters (another customer) is a new request, and so are the
  // calls on the Stripe invoice it makes (their paths name that invoice, and
  // Stripe refuses a key used on another path). Void and pay act on whichever
  // invoice was finalized, and only a draft is ever replaced: one per key.
  invoiceCreate: (orderId: string, sequence = 1, epoch = 0) =>
    `inv:${orderId}:create:v${sequence}${epochSuffix(epoch)}`,
  invoiceLines: (orderId: string, batch: number, sequence = 1, epoch = 0) =>
    `inv:${orderId}:lines:${batch}:v${sequence}${epochSuffix(epoch)}`,
  invoiceFinalize: (orderId: string, sequence = 1, epoch = 0) =>
    `inv:${orderId}:finalize:v${sequence}${epochSuffix(epoch)}`,
  invoiceSend: (orderId: string, sequence = 1, epoch = 0) => `inv:${orderId}:send:v${sequence}${epochSuffix(epoch)}`,
  invoicePayOutOfBand: (orderId: string, sequence = 1) => `inv:${orderId}:pay-oob:v${sequence}`,
  invoiceVoid: (orderId: string, sequence = 1) => `inv:${orderId}:void:v${sequence}`,
  creditNote: (reasonKey: string) => `cn:${reasonKey}:v1`,
  // The invoice's running total of returned goods refunds covered, as the
  // return note that raised it set it: a retry sends the same value.
  invoiceReturnsCovered: (invoiceId: string, reasonKey: string, coveredMinor: bigint) =>
    `inv:${invoiceId}:returns-covered:${reasonKey}:${coveredMinor}:v1`,
}
