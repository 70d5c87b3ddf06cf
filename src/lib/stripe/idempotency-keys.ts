/**
 * Idempotency keys for every Stripe POST, built from our own ids and the step
 * (never random, never a Medusa row id that is recreated on retry — see
 * medusajs/medusa#16292 and #16681). Bump the version suffix when the
 * parameters of a step legitimately change.
 */
export const stripeKeys = {
  customer: (companyId: string) => `cus:${companyId}:v1`,
  invoiceCreate: (orderId: string) => `inv:${orderId}:create:v1`,
  invoiceLines: (orderId: string, batch: number) => `inv:${orderId}:lines:${batch}:v1`,
  invoiceFinalize: (orderId: string) => `inv:${orderId}:finalize:v1`,
  invoiceSend: (orderId: string) => `inv:${orderId}:send:v1`,
  invoicePayOutOfBand: (orderId: string) => `inv:${orderId}:pay-oob:v1`,
  invoiceVoid: (orderId: string) => `inv:${orderId}:void:v1`,
  creditNote: (reasonKey: string) => `cn:${reasonKey}:v1`,
}
