/**
 * The hold of a whole order's total reserved without a cart — a draft order
 * converted on net terms: `order:<order_id>`. Like a checkout's
 * `cart:<cart_id>` hold it stops counting once the order's invoice record
 * exists (credit-exposure.ts) and the issue-invoice workflow releases it
 * (steps/release-order-credit-holds.ts). An edit's `order-edit:<change_id>`
 * hold is not one: it covers an increase the invoice does not carry yet.
 */
export const orderHoldReference = (orderId: string): string => `order:${orderId}`

export const isOrderHoldReference = (reference: string): boolean => reference.startsWith("order:")
