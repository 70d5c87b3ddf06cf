/**
 * The hub's workflows that wrap Medusa's order workflows (an edit's
 * confirmation, a draft's conversion) lock the order id themselves: the key
 * every Medusa order-edit and draft-order workflow takes, which those
 * workflows skip when run nested (acquireLockStep in a sub-workflow).
 */

/** Medusa's own order workflows wait 2 s; ours wait a little longer, they do more. */
export const ORDER_LOCK_TIMEOUT_SECONDS = 5

/** Longer than the credit lock's wait (15 s) plus Medusa's own work (inventory, payment collection). */
export const ORDER_LOCK_TTL_SECONDS = 60
