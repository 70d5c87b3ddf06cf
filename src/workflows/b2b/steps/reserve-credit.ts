import { createStep, StepResponse } from "@medusajs/framework/workflows-sdk"
import { creditLimitExceeded } from "../../../modules/b2b/lib/credit-refusal"
import { releaseCreditHolds } from "../utils/release-credit-holds"
import { reserveCredit } from "../utils/reserve-credit"

export const reserveCreditStepId = "reserve-credit-step"

/** reserveCredit's input with amounts as integer strings or numbers (step data is stored as JSON: no bigint). */
export type ReserveCreditStepInput = {
  company_id: string
  currency_code: string
  credit_limit_minor: string | number
  amount_minor: string | number
  reference: string
  cart_id?: string | null
  order_id?: string | null
  ttl_seconds?: number | null
  /** Words the refusal: "order total", "order edit increase"… */
  what?: string
}

/**
 * reserveCredit as a workflow step, for features that raise what a company
 * owes on net terms after checkout (an order edit that increases the total
 * reserves the increase before confirming it). Refuses with the 400
 * `credit_limit_exceeded`. Compensation releases the hold ("withdrawn"), so a
 * failed edit gives the credit back.
 */
export const reserveCreditStep = createStep(
  reserveCreditStepId,
  async (input: ReserveCreditStepInput, { container }) => {
    const amount = BigInt(input.amount_minor)
    const { reserved, hold_id, credit } = await reserveCredit(container, {
      ...input,
      credit_limit_minor: BigInt(input.credit_limit_minor),
      amount_minor: amount,
    })
    if (!reserved) throw creditLimitExceeded(input.what ?? "amount", amount, input.currency_code, credit)
    return new StepResponse(
      { hold_id, available_credit_minor: String(credit.available_credit_minor - amount) },
      hold_id ?? undefined
    )
  },
  async (holdId, { container }) => {
    if (!holdId) return
    await releaseCreditHolds(container, { ids: [holdId] }, "withdrawn")
  }
)
