import { MedusaError } from "@medusajs/framework/utils"
import { toMajorString } from "../../../lib/money"
import type { ContractCredit } from "./credit-position"

/**
 * The 400 `not_allowed` refusal (code `credit_limit_exceeded`) of a net-terms
 * order — or an increase of one — that does not fit in the available credit.
 * The reserved part is named only when something is reserved, so the message
 * stays what buyers saw before holds existed.
 */
export function creditLimitExceeded(
  what: string,
  amountMinor: bigint,
  currency: string,
  credit: ContractCredit
): MedusaError {
  const f = (m: bigint) => `${toMajorString(m, currency)} ${currency.toUpperCase()}`
  const held = credit.held_minor > 0n ? `, reserved by orders not invoiced yet ${f(credit.held_minor)}` : ""
  return new MedusaError(
    MedusaError.Types.NOT_ALLOWED,
    `credit_limit_exceeded: ${what} ${f(amountMinor)} exceeds available credit ${f(credit.available_credit_minor)} (credit limit ${f(credit.credit_limit_minor)}, open invoices ${f(credit.open_balance_minor)}${held})`,
    "credit_limit_exceeded"
  )
}
