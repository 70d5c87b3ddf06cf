// The B2B checkout gate (roles, spending limits, net-terms credit) run by the completeCartWorkflow validate hook.
import type { MedusaContainer } from "@medusajs/framework/types"
import { ContainerRegistrationKeys, MedusaError } from "@medusajs/framework/utils"
import { NET_TERMS_PROVIDER_ID } from "../../../modules/providers/net-terms/constants"
import { toMajorString, toMinor } from "../../../lib/money"
import { resolveBuyerContext } from "./contract-for-customer"
import { creditLimitExceeded } from "../../../modules/b2b/lib/credit-refusal"
import { CHECKOUT_HOLD_TTL_SECONDS, reserveCredit } from "./reserve-credit"
import { roleMay } from "../../../modules/b2b/lib/roles"
import { periodAdjective } from "../../../modules/b2b/lib/spending-periods"
import { spendingAllowance, type SpendingAllowance } from "./spending"

/** What the checkout reserved on the company's credit (the hook's compensation releases it). */
export type CheckoutCreditHold = { hold_id: string }

/** The cart fields the gate reads. */
type CartForCheckout = {
  id: string
  total: unknown
  currency_code: string
  customer_id: string | null
  completed_at: Date | string | null
  metadata?: Record<string, unknown> | null
  payment_collection?: { payment_sessions?: ({ provider_id: string; status: string } | null)[] | null } | null
}

/** A refusal the store API returns as 400 `not_allowed`, with a stable code. */
function refuse(code: string, message: string): MedusaError {
  return new MedusaError(MedusaError.Types.NOT_ALLOWED, message, code)
}

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

/** Stripe prints the PO on the invoice as a custom field, whose value holds at most 140 characters. */
export const PO_NUMBER_MAX_LENGTH = 140

/**
 * The PO number a buyer sets in the cart's `metadata.po_number` (any standard
 * storefront can) reaches the order, the Stripe invoice and the ERP document.
 * A company with `po_required` gets no order without one.
 */
function checkPoNumber(value: unknown, company: { name: string; po_required?: boolean | null }): void {
  if (value !== undefined && value !== null && typeof value !== "string") {
    throw refuse("invalid_po_number", "po_number: must be text")
  }
  const po = (value ?? "").trim()
  if (po.length > PO_NUMBER_MAX_LENGTH) {
    throw refuse("invalid_po_number", `po_number: at most ${PO_NUMBER_MAX_LENGTH} characters, got ${po.length}`)
  }
  if (company.po_required && !po) {
    throw refuse(
      "po_number_required",
      `po_number: ${company.name} requires a purchase order number on every order (set it in the cart's metadata.po_number)`
    )
  }
}

/**
 * The B2B gate in front of order creation: viewers cannot buy, a company that
 * requires PO numbers gets one on every order, buyers stay
 * within their per-order spending limit, and a net-terms order must fit in
 * the available credit (credit limit − open invoices − holds of orders not
 * invoiced yet − this order). A net-terms order that fits reserves its total
 * in the same locked step (reserveCredit) and the hold is returned; it counts
 * until the order's invoice record exists. Throwing here aborts cart
 * completion: no order, no payment authorization.
 */
export async function validateB2bCheckout(
  container: MedusaContainer,
  cartId: string
): Promise<CheckoutCreditHold | null> {
  const query = container.resolve(ContainerRegistrationKeys.QUERY)
  const { data } = await query.graph({
    entity: "cart",
    fields: [
      "id",
      "total",
      "currency_code",
      "customer_id",
      "completed_at",
      "metadata",
      "payment_collection.payment_sessions.provider_id",
      "payment_collection.payment_sessions.status",
    ],
    filters: { id: cartId },
  })
  const cart = data[0] as CartForCheckout | undefined
  if (!cart) return null
  const currency = cart.currency_code
  const buyer = await resolveBuyerContext(container, cart.customer_id, currency)
  const usesNetTerms = (cart.payment_collection?.payment_sessions ?? []).some(
    (s) => s?.provider_id === NET_TERMS_PROVIDER_ID
  )
  const totalMinor = toMinor(String(cart.total ?? 0), currency, { round: true })

  if (!buyer) {
    if (usesNetTerms) {
      throw refuse(
        "net_terms_not_available",
        "Net-terms payment is only available to employees of a company with an active contract"
      )
    }
    return null
  }
  if (!roleMay(buyer.employee.role, "cart.write")) {
    throw refuse(
      "role_cannot_checkout",
      `Employees with the ${buyer.employee.role} role cannot place orders for ${buyer.company.name}`
    )
  }
  checkPoNumber(cart.metadata?.po_number, buyer.company)
  // Admins are not bound by a limit; a completed cart's order already counts in what was spent.
  if (buyer.employee.role !== "admin" && !cart.completed_at) {
    const allowance = await spendingAllowance(container, buyer.employee, currency, new Date())
    if (allowance && totalMinor > allowance.remaining_minor)
      throw spendingLimitExceeded(totalMinor, currency, allowance)
  }
  if (!usesNetTerms) return null
  const contract = buyer.contract
  if (!contract) {
    throw refuse(
      "net_terms_not_available",
      `${buyer.company.name} has no active ${currency.toUpperCase()} contract with payment terms`
    )
  }
  // Completing an already completed cart returns its existing order, whose
  // credit is already counted (its hold or its invoice): nothing to reserve.
  if (cart.completed_at) return null
  const { reserved, hold_id, credit } = await reserveCredit(container, {
    company_id: buyer.contract_owner_company_id ?? contract.company_id,
    currency_code: currency,
    credit_limit_minor: BigInt(String(contract.credit_limit_minor ?? 0)),
    amount_minor: totalMinor,
    reference: `cart:${cart.id}`,
    cart_id: cart.id,
    ttl_seconds: CHECKOUT_HOLD_TTL_SECONDS,
  })
  if (!reserved) throw creditLimitExceeded("order total", totalMinor, currency, credit)
  return hold_id ? { hold_id } : null
}
