// Everything the B2B checkout gate decides on, read once: who buys, limits, credit, approval rules and requests.
import type { MedusaContainer } from "@medusajs/framework/types"
import { ContainerRegistrationKeys, MedusaError } from "@medusajs/framework/utils"
import { NET_TERMS_PROVIDER_ID } from "../../../modules/providers/net-terms/constants"
import { toMinor } from "../../../lib/money"
import { B2B_MODULE } from "../../../modules/b2b"
import type B2bModuleService from "../../../modules/b2b/service"
import { roleMay } from "../../../modules/b2b/lib/roles"
import { creditPosition, type ContractCredit } from "../../../modules/b2b/lib/credit-position"
import { requiredApprovalLevels, rulesCover, type ApprovalRuleRecord } from "../../../modules/b2b/lib/approval-rules"
import type { ApprovalLevel } from "../../../modules/b2b/models/approval-request"
import { resolveBuyerContext, type BuyerContext } from "./contract-for-customer"
import { spendingAllowance, type SpendingAllowance } from "./spending"
import { creditExposure } from "./credit-exposure"
import { cartFingerprint, type FingerprintedCart } from "./cart-fingerprint"

/** Stripe prints the PO on the invoice as a custom field, whose value holds at most 140 characters. */
export const PO_NUMBER_MAX_LENGTH = 140

type CartForCheckout = FingerprintedCart & {
  completed_at: Date | string | null
  metadata?: Record<string, unknown> | null
  payment_collection?: { payment_sessions?: ({ provider_id: string; status: string } | null)[] | null } | null
}

export type ApprovalRequestRecord = Awaited<ReturnType<B2bModuleService["listApprovalRequests"]>>[number]

export type CompanyCheckout = {
  cart: CartForCheckout
  buyer: BuyerContext
  currency: string
  total_minor: bigint
  uses_net_terms: boolean
  fingerprint: string
  /** Null without a limit, or for admins (not bound by one). */
  allowance: SpendingAllowance | null
  over_spending_limit: boolean
  /** The contract's credit now (read without the lock: the reservation decides). Null off net terms. */
  credit: ContractCredit | null
  over_credit_limit: boolean
  /** Levels the company's rules ask for (empty: no approval needed). */
  levels: ApprovalLevel[]
  rules_cover_spending: boolean
  rules_cover_credit: boolean
  pending: ApprovalRequestRecord | null
  /** An approval given for this very cart (same fingerprint). */
  approved: ApprovalRequestRecord | null
}

/** A refusal the store API returns as 400 `not_allowed`, with a stable code. */
export function refuse(code: string, message: string): MedusaError {
  return new MedusaError(MedusaError.Types.NOT_ALLOWED, message, code)
}

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

const CART_FIELDS = [
  "id",
  "total",
  "currency_code",
  "customer_id",
  "completed_at",
  "metadata",
  "items.id",
  "items.variant_id",
  "items.quantity",
  "items.unit_price",
  "shipping_methods.shipping_option_id",
  "shipping_methods.amount",
  "payment_collection.payment_sessions.provider_id",
  "payment_collection.payment_sessions.status",
]

/**
 * Reads a cart about to be completed and what the company's policies say
 * about it. Throws the refusals that no approval can lift (not an employee
 * on net terms, a role that cannot buy, a missing PO); returns null for a
 * cart of a customer of no company (Medusa's own checkout).
 */
export async function assessCheckout(
  container: MedusaContainer,
  cartId: string,
  options: {
    /**
     * "always": read the credit position to word a refusal before anything is
     * written (asking for approval). "if_rules_need" (checkout): only when an
     * over_credit_limit rule needs it; the reservation under the credit lock
     * decides anyway, so the gate does not read the position twice.
     */
    credit: "always" | "if_rules_need"
  } = { credit: "always" }
): Promise<CompanyCheckout | null> {
  const query = container.resolve(ContainerRegistrationKeys.QUERY)
  const { data } = await query.graph({ entity: "cart", fields: CART_FIELDS, filters: { id: cartId } })
  const cart = data[0] as CartForCheckout | undefined
  if (!cart) return null
  const currency = cart.currency_code
  const buyer = await resolveBuyerContext(container, cart.customer_id, currency)
  const uses_net_terms = (cart.payment_collection?.payment_sessions ?? []).some(
    (s) => s?.provider_id === NET_TERMS_PROVIDER_ID
  )
  if (!buyer) {
    if (uses_net_terms) {
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
  if (uses_net_terms && !buyer.contract) {
    throw refuse(
      "net_terms_not_available",
      `${buyer.company.name} has no active ${currency.toUpperCase()} contract with payment terms`
    )
  }

  const total_minor = toMinor(String(cart.total ?? 0), currency, { round: true })
  const b2b = container.resolve<B2bModuleService>(B2B_MODULE)
  const [rules, requests] = await Promise.all([
    b2b.listApprovalRules({ company_id: buyer.company.id }) as Promise<ApprovalRuleRecord[]>,
    b2b.listApprovalRequests({ cart_id: cart.id, status: ["pending", "approved"] }, { order: { created_at: "DESC" } }),
  ])
  const fingerprint = cartFingerprint(cart)
  // A completed cart's order already counts in what was spent and in the credit used.
  const open = !cart.completed_at
  // Admins are not bound by a limit.
  const allowance =
    open && buyer.employee.role !== "admin"
      ? await spendingAllowance(container, buyer.employee, currency, new Date())
      : null
  const over_spending_limit = !!allowance && total_minor > allowance.remaining_minor
  const rules_cover_credit = rulesCover(rules, "over_credit_limit")
  const credit =
    open && uses_net_terms && buyer.contract && (options.credit === "always" || rules_cover_credit)
      ? creditPosition(
          BigInt(String(buyer.contract.credit_limit_minor ?? 0)),
          await creditExposure(
            container,
            { company_id: buyer.contract_owner_company_id ?? buyer.contract.company_id, currency_code: currency },
            { exclude_reference: `cart:${cart.id}` }
          )
        )
      : null
  const over_credit_limit = !!credit && total_minor > credit.available_credit_minor
  const levels = open
    ? requiredApprovalLevels(rules, {
        currency_code: currency,
        total_minor,
        role: buyer.employee.role,
        over_spending_limit,
        over_credit_limit,
      })
    : []
  return {
    cart,
    buyer,
    currency,
    total_minor,
    uses_net_terms,
    fingerprint,
    allowance,
    over_spending_limit,
    credit,
    over_credit_limit,
    levels,
    rules_cover_spending: rulesCover(rules, "over_spending_limit"),
    rules_cover_credit,
    pending: requests.find((r) => r.status === "pending") ?? null,
    approved: requests.find((r) => r.status === "approved" && r.cart_fingerprint === fingerprint) ?? null,
  }
}

/** The cart's fingerprint now (what an approval is checked against when it is given). */
export async function currentCartFingerprint(container: MedusaContainer, cartId: string): Promise<string | null> {
  const query = container.resolve(ContainerRegistrationKeys.QUERY)
  const { data } = await query.graph({ entity: "cart", fields: CART_FIELDS, filters: { id: cartId } })
  const cart = data[0] as CartForCheckout | undefined
  return cart ? cartFingerprint(cart) : null
}
