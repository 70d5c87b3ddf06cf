/**
 * An invoice's key epoch (`stripe_key_epoch`) versions the idempotency keys
 * of its issuing sequence on top of its `sequence`. Stripe refuses a key sent
 * again with other parameters (400 idempotency_error), so a create call whose
 * parameters must change needs a new key — and the calls on the invoice it
 * makes need new keys too. The epoch moves, with its reason stored, before
 * any call under the new keys, in two cases:
 * - the company's Stripe customer is not the one our record says the create
 *   call went out for, and no invoice was finalized for that one (staff
 *   changed or re-created the customer): a draft made for it is deleted;
 * - Stripe refuses the create key as first used with other parameters and
 *   holds no invoice of ours for the customer (a record from before the
 *   customer was stored, or terms that changed since).
 */

/** The reason stored when the company's customer changed between the create call and its retry. */
export function customerChanged(from: string, to: string): string {
  return `customer changed: ${from} → ${to}`
}

/** The reason stored when Stripe refused the create key; what changed we cannot tell, only that something did. */
export function parametersChanged(refusedKey: string): string {
  return `parameters changed: Stripe refused ${refusedKey}, first used with other parameters (idempotency_error)`
}
