// Checks and reserves credit under the account's lock; wrapped by steps/reserve-credit.ts and the checkout hook.
import type { MedusaContainer } from "@medusajs/framework/types"
import { MedusaError, Modules } from "@medusajs/framework/utils"
import { B2B_MODULE } from "../../../modules/b2b"
import type B2bModuleService from "../../../modules/b2b/service"
import { dbMinor } from "../../../lib/money/db-minor"
import { creditExposure } from "./credit-exposure"
import { creditPosition, type ContractCredit } from "../../../modules/b2b/lib/credit-position"

/**
 * The lock every credit decision of one account takes: checks and hold
 * inserts of one company and currency run one at a time (other companies do
 * not wait). Medusa's locking module: in-memory in a single process (the HTTP
 * tests), Redis in production (medusa-config.ts), so server and worker
 * processes serialize too. Always the innermost lock (checkout holds the
 * cart's lock, an order edit the order's), so it cannot deadlock with them.
 */
export function creditLockKey(companyId: string, currency: string): string {
  return `credit:${companyId}:${currency.toLowerCase()}`
}

/** How long a checkout waits for another checkout of the same account (each holds it for a few queries). */
export const CREDIT_LOCK_TIMEOUT_SECONDS = 15

/** A crashed holder's Redis lock expires after this long (renewed while the job runs). */
export const CREDIT_LOCK_TTL_SECONDS = 30

/**
 * A checkout hold whose cart has no order after this long stops counting (the
 * process died between the check and order creation). Longer than Medusa's
 * own completion lock on the cart (120 s), so a completion still running
 * never loses its hold; a cart that did become an order keeps counting
 * whatever the TTL (credit-exposure.ts).
 */
export const CHECKOUT_HOLD_TTL_SECONDS = 10 * 60

export type ReserveCreditInput = {
  /** The credit account: the company whose contract grants the credit (the contract's owner). */
  company_id: string
  currency_code: string
  /** The limit of the contract that applies now. */
  credit_limit_minor: bigint
  /** What to reserve, in minor units. */
  amount_minor: bigint
  /** What the hold is for, one hold per reference: `cart:<cart_id>`, `order-edit:<order_change_id>`. */
  reference: string
  /** Set for a checkout: the hold then counts until the cart's order has its invoice record. */
  cart_id?: string | null
  order_id?: string | null
  /** The hold stops counting after this long unless (checkout) its cart became an order. Null: never. */
  ttl_seconds?: number | null
  /** Merchant staff approved this order beyond the credit limit: reserve it whatever remains. */
  allow_over_limit?: boolean
}

export type ReserveCreditResult = {
  reserved: boolean
  /** The hold written (null when refused, or when there was nothing to reserve). */
  hold_id: string | null
  /** The account's position before this reservation (its own earlier hold left out). */
  credit: ContractCredit
}

/**
 * Checks that `amount_minor` fits in the account's available credit and, if
 * it does, records a hold for it — both under the credit lock, so two
 * checkouts of one company cannot both spend the same credit. A hold with the
 * same reference (a retried completion of the same cart) is replaced, not
 * added to. Refusal is a result, not an error: the caller words it
 * (creditLimitExceeded).
 *
 * Reusable by any feature that raises what a company owes on net terms, e.g.
 * an order edit that increases an order's total: reserve the increase with
 * reference `order-edit:<order_change_id>`, `order_id`, no `cart_id` and a
 * TTL for an edit that is never confirmed; release it (releaseCreditHolds,
 * reason "invoiced") once the invoice's amount_due carries the increase, or
 * "withdrawn" if the edit is declined. In a workflow use reserveCreditStep
 * (steps/reserve-credit.ts), whose compensation releases the hold.
 *
 * @example
 * const { reserved, credit } = await reserveCredit(container, {
 *   company_id, currency_code: "usd", credit_limit_minor: 1_000_000n,
 *   amount_minor: 80_000n, reference: `order-edit:${change.id}`, order_id, ttl_seconds: 3600,
 * })
 */
export async function reserveCredit(
  container: MedusaContainer,
  input: ReserveCreditInput
): Promise<ReserveCreditResult> {
  const locking = container.resolve(Modules.LOCKING)
  const currency = input.currency_code.toLowerCase()
  const key = creditLockKey(input.company_id, currency)
  let started = false
  try {
    return await locking.execute(
      [key],
      async () => {
        started = true
        const exposure = await creditExposure(
          container,
          { company_id: input.company_id, currency_code: currency },
          { exclude_reference: input.reference }
        )
        const credit = creditPosition(input.credit_limit_minor, exposure)
        if (credit.available_credit_minor < input.amount_minor && !input.allow_over_limit)
          return { reserved: false, hold_id: null, credit }
        if (input.amount_minor <= 0n) return { reserved: true, hold_id: null, credit }
        const hold_id = await writeHold(container, { ...input, currency_code: currency })
        return { reserved: true, hold_id, credit }
      },
      { timeout: CREDIT_LOCK_TIMEOUT_SECONDS, expire: CREDIT_LOCK_TTL_SECONDS }
    )
  } catch (error) {
    if (started) throw error
    // Only waiting for the lock failed: another credit decision of this account is stuck.
    throw new MedusaError(
      MedusaError.Types.CONFLICT,
      `credit check busy for company ${input.company_id} (${currency.toUpperCase()}): try again`
    )
  }
}

/** Inserts the hold, or re-arms the one already recorded for the same reference. */
async function writeHold(container: MedusaContainer, input: ReserveCreditInput): Promise<string> {
  const b2b = container.resolve<B2bModuleService>(B2B_MODULE)
  const data = {
    company_id: input.company_id,
    currency_code: input.currency_code,
    cart_id: input.cart_id ?? null,
    order_id: input.order_id ?? null,
    amount_minor: dbMinor(input.amount_minor),
    expires_at: input.ttl_seconds ? new Date(Date.now() + input.ttl_seconds * 1000) : null,
    released_at: null,
    release_reason: null,
  }
  const [existing] = await b2b.listCreditHolds({ reference: input.reference }, { select: ["id"] })
  if (existing) {
    await b2b.updateCreditHolds({ id: existing.id, ...data })
    return existing.id
  }
  const created = await b2b.createCreditHolds({ reference: input.reference, ...data })
  return created.id
}
