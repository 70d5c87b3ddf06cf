// The B2B checkout gate (roles, PO, approvals, spending limits, net-terms credit) run by the completeCartWorkflow validate hook.
import type { MedusaContainer } from "@medusajs/framework/types"
import { MedusaError } from "@medusajs/framework/utils"
import { toMajorString } from "../../../lib/money"
import { creditLimitExceeded } from "../../../modules/b2b/lib/credit-refusal"
import { periodAdjective } from "../../../modules/b2b/lib/spending-periods"
import { CHECKOUT_HOLD_TTL_SECONDS, reserveCredit } from "./reserve-credit"
import type { SpendingAllowance } from "./spending"
import { assessCheckout, refuse, type CompanyCheckout } from "./assess-checkout"

export { PO_NUMBER_MAX_LENGTH } from "./assess-checkout"

/** What the checkout reserved on the company's credit (the hook's compensation releases it). */
export type CheckoutCreditHold = { hold_id: string }

function spendingLimitExceeded(totalMinor: bigint, currency: string, allowance: SpendingAllowance): MedusaError {
  const money = (minor: bigint) => `${toMajorString(minor, currency)} ${currency.toUpperCase()}`
  const total = `Order total ${money(totalMinor)}`
  if (!allowance.since) {
    return refuse(
      "spending_limit_exceeded",
      `${total} exceeds your per-order spending limit of ${toMajorString(allowance.limit_minor, currency)}`
    )
  }
  return refuse(
    "spending_limit_exceeded",
    `${total} exceeds what remains of your ${periodAdjective(allowance.period)} spending limit of ${money(allowance.limit_minor)}: ` +
      `${money(allowance.spent_minor)} spent since ${allowance.since.toISOString().slice(0, 10)}, ${money(allowance.remaining_minor)} remaining`
  )
}

/**
 * The refusals no approval lifts because no rule of the company asks for one:
 * a spending limit or a credit limit exceeded without an approval rule for
 * it. Null when the order may proceed (possibly through approval).
 */
export function hardRefusal(checkout: CompanyCheckout): MedusaError | null {
  if (checkout.approved) return null
  if (checkout.over_spending_limit && !checkout.rules_cover_spending && checkout.allowance)
    return spendingLimitExceeded(checkout.total_minor, checkout.currency, checkout.allowance)
  if (checkout.over_credit_limit && !checkout.rules_cover_credit && checkout.credit)
    return creditLimitExceeded("order total", checkout.total_minor, checkout.currency, checkout.credit)
  return null
}

/** The 409 of a cart whose approval request is still waiting. */
export function pendingApproval(requestId: string): MedusaError {
  return new MedusaError(
    MedusaError.Types.CONFLICT,
    `cart: waiting for approval (request ${requestId}); it cannot change or be checked out until it is decided`,
    "cart_pending_approval"
  )
}

/**
 * The B2B gate in front of order creation: viewers cannot buy, a company that
 * requires PO numbers gets one on every order, an order the company's
 * approval rules catch needs its approval (POST /store/carts/:id/complete
 * asks for it; approving completes the cart through here again), buyers stay
 * within their spending limit, and a net-terms order must fit in the
 * available credit (credit limit − open invoices − holds of orders not
 * invoiced yet − this order) unless merchant staff approved going beyond it.
 * A net-terms order reserves its total in the same locked step
 * (reserveCredit) and the hold is returned; it counts until the order's
 * invoice record exists. Throwing here aborts cart completion: no order, no
 * payment authorization.
 */
export async function validateB2bCheckout(
  container: MedusaContainer,
  cartId: string
): Promise<CheckoutCreditHold | null> {
  const checkout = await assessCheckout(container, cartId, { credit: "if_rules_need" })
  if (!checkout) return null
  // Completing an already completed cart returns its existing order, whose
  // credit is already counted (its hold or its invoice): nothing to check.
  if (checkout.cart.completed_at) return null
  if (checkout.pending) throw pendingApproval(checkout.pending.id)
  const refusal = hardRefusal(checkout)
  if (refusal) throw refusal
  if (checkout.levels.length && !checkout.approved) {
    throw refuse(
      "approval_required",
      `cart: this order needs approval (${checkout.levels.map((l) => l.approver).join(", then ")}); ` +
        `complete the cart to ask for it`
    )
  }
  if (!checkout.uses_net_terms) return null
  const contract = checkout.buyer.contract!
  const { reserved, hold_id, credit } = await reserveCredit(container, {
    company_id: checkout.buyer.contract_owner_company_id ?? contract.company_id,
    currency_code: checkout.currency,
    credit_limit_minor: BigInt(String(contract.credit_limit_minor ?? 0)),
    amount_minor: checkout.total_minor,
    reference: `cart:${checkout.cart.id}`,
    cart_id: checkout.cart.id,
    ttl_seconds: CHECKOUT_HOLD_TTL_SECONDS,
    allow_over_limit: !!checkout.approved?.credit_override,
  })
  if (!reserved) throw creditLimitExceeded("order total", checkout.total_minor, checkout.currency, credit)
  return hold_id ? { hold_id } : null
}
