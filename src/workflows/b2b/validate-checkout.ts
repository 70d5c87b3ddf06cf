import type { MedusaContainer } from "@medusajs/framework/types"
import { ContainerRegistrationKeys, MedusaError } from "@medusajs/framework/utils"
import { NET_TERMS_PROVIDER_ID } from "../../modules/providers/net-terms/constants"
import { toMajorString, toMinor } from "../../lib/money"
import { resolveBuyerContext } from "./contract-for-customer"
import { contractCredit } from "./contract-credit"

/** A refusal the store API returns as 400 `not_allowed`, with a stable code. */
function refuse(code: string, message: string): MedusaError {
  return new MedusaError(MedusaError.Types.NOT_ALLOWED, message, code)
}

/**
 * The B2B gate in front of order creation: viewers cannot buy, buyers stay
 * within their per-order spending limit, and a net-terms order must fit in
 * the contract's available credit (credit limit − open invoices − this order).
 * Throwing here aborts cart completion: no order, no payment authorization.
 */
export async function validateB2bCheckout(container: MedusaContainer, cartId: string): Promise<void> {
  const query = container.resolve(ContainerRegistrationKeys.QUERY)
  const { data } = await query.graph({
    entity: "cart",
    fields: ["id", "total", "currency_code", "customer_id", "payment_collection.payment_sessions.provider_id", "payment_collection.payment_sessions.status"],
    filters: { id: cartId },
  })
  const cart = data[0] as any
  if (!cart) return
  const currency = cart.currency_code as string
  const buyer = await resolveBuyerContext(container, cart.customer_id, currency)
  const usesNetTerms = (cart.payment_collection?.payment_sessions ?? []).some((s: any) => s?.provider_id === NET_TERMS_PROVIDER_ID)
  const totalMinor = toMinor(String(cart.total ?? 0), currency, { round: true })

  if (!buyer) {
    if (usesNetTerms) {
      throw refuse("net_terms_not_available", "Net-terms payment is only available to employees of a company with an active contract")
    }
    return
  }
  if (buyer.employee.role === "viewer") {
    throw refuse("role_cannot_checkout", `Employees with the viewer role cannot place orders for ${buyer.company.name}`)
  }
  const limit = buyer.employee.spending_limit_minor
  if (limit !== null && limit !== undefined && buyer.employee.role === "buyer" && totalMinor > BigInt(String(limit))) {
    throw refuse(
      "spending_limit_exceeded",
      `Order total ${toMajorString(totalMinor, currency)} ${currency.toUpperCase()} exceeds your per-order spending limit of ${toMajorString(BigInt(String(limit)), currency)}`
    )
  }
  if (!usesNetTerms) return
  const contract = buyer.contract
  if (!contract) {
    throw refuse("net_terms_not_available", `${buyer.company.name} has no active ${currency.toUpperCase()} contract with payment terms`)
  }
  const { credit_limit_minor: limitMinor, open_balance_minor: openMinor, available_credit_minor: available } = await contractCredit(container, contract)
  if (available - totalMinor < 0n) {
    const f = (m: bigint) => `${toMajorString(m, currency)} ${currency.toUpperCase()}`
    throw refuse(
      "credit_limit_exceeded",
      `credit_limit_exceeded: order total ${f(totalMinor)} exceeds available credit ${f(available)} (credit limit ${f(limitMinor)}, open invoices ${f(openMinor)})`
    )
  }
}
