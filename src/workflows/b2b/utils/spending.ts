// What an employee has spent in their limit's current period, for the checkout gate and the buyer's own view.
import type { MedusaContainer } from "@medusajs/framework/types"
import { ContainerRegistrationKeys } from "@medusajs/framework/utils"
import { toMinor } from "../../../lib/money"
import { spendingPeriodStart, type SpendingPeriod } from "../../../modules/b2b/lib/spending-periods"

export type SpendingAllowance = {
  period: SpendingPeriod
  limit_minor: bigint
  /** Orders placed since `since` (null for a per-order limit: nothing carries over). */
  spent_minor: bigint
  remaining_minor: bigint
  since: Date | null
}

type EmployeeLimit = { customer_id: string; spending_limit_minor?: unknown; spending_limit_period?: string | null }

// Orders that no longer commit the company's money do not count.
const NOT_SPENDING = new Set(["canceled", "draft"])

/**
 * The employee's limit, what their orders in `currency` placed in the current
 * period add up to (Medusa's own order totals) and what remains; null without
 * a limit. Two checkouts racing within one period can both pass (no lock):
 * the limit is a purchasing policy, the company's credit is what is locked.
 */
export async function spendingAllowance(
  container: MedusaContainer,
  employee: EmployeeLimit,
  currency: string,
  now: Date
): Promise<SpendingAllowance | null> {
  if (employee.spending_limit_minor === null || employee.spending_limit_minor === undefined) return null
  const limit = BigInt(String(employee.spending_limit_minor))
  const period = (employee.spending_limit_period ?? "order") as SpendingPeriod
  const since = spendingPeriodStart(period, now)
  let spent = 0n
  if (since) {
    const query = container.resolve(ContainerRegistrationKeys.QUERY)
    const { data } = await query.graph({
      entity: "order",
      fields: ["id", "total", "status"],
      filters: { customer_id: employee.customer_id, currency_code: currency, created_at: { $gte: since } },
    })
    for (const order of data as { total: unknown; status: string }[]) {
      if (!NOT_SPENDING.has(order.status)) spent += toMinor(String(order.total ?? 0), currency, { round: true })
    }
  }
  const remaining = limit > spent ? limit - spent : 0n
  return { period, limit_minor: limit, spent_minor: spent, remaining_minor: remaining, since }
}
