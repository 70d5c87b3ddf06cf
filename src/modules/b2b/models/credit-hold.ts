import { model } from "@medusajs/framework/utils"

/** Why a hold stopped counting (null while it counts). */
export const CREDIT_HOLD_RELEASE_REASONS = [
  /** The order's invoice record exists: its amount_due counts instead. */
  "invoiced",
  /** The order gets no invoice (not on net terms, or canceled before issuing). */
  "not_invoiced",
  /** The checkout that reserved it failed after the credit check (no order). */
  "checkout_failed",
  /** Given back by the feature that reserved it (e.g. an order edit declined). */
  "withdrawn",
] as const
export type CreditHoldReleaseReason = (typeof CREDIT_HOLD_RELEASE_REASONS)[number]

/**
 * Credit reserved on a company's account (one currency) by a net-terms
 * checkout — or an order edit — between the credit check and the moment its
 * invoice record exists. Without it two checkouts could both pass the check
 * against the same available credit (issue 10). Written only under the
 * credit lock `credit:<company_id>:<currency>` (workflows/b2b/utils/reserve-credit.ts).
 *
 * `company_id` is the company whose contract grants the credit: the buyer's
 * own, or the ancestor whose contract it inherits. `reference` says what the
 * hold is for (`cart:<cart_id>` at checkout), one hold per reference.
 */
export const CreditHold = model
  .define("credit_hold", {
    id: model.id({ prefix: "chold" }).primaryKey(),
    reference: model.text().unique(),
    company_id: model.text(),
    currency_code: model.text(),
    /** Set for checkout holds: the cart→order link tells whether an order exists. */
    cart_id: model.text().nullable(),
    order_id: model.text().nullable(),
    amount_minor: model.bigNumber(),
    /**
     * After this, a checkout hold whose cart has no order stops counting (a
     * process died between the credit check and order creation). A hold whose
     * cart did become an order keeps counting until its invoice exists.
     * Null: counts until released.
     */
    expires_at: model.dateTime().nullable(),
    released_at: model.dateTime().nullable(),
    release_reason: model.enum([...CREDIT_HOLD_RELEASE_REASONS]).nullable(),
  })
  .indexes([
    { on: ["company_id", "currency_code"], where: "released_at IS NULL" },
    { on: ["cart_id"] },
    { on: ["order_id"] },
  ])
