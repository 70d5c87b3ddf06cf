import { formatMinor } from "../../lib/format"
import type { AdminEmployee } from "./types"

/** "500.00 USD per month", "500.00 USD per order" or "No limit". */
export function spendingLimitText(
  employee: Pick<AdminEmployee, "spending_limit_minor" | "spending_limit_period">,
  currency: string
): string {
  if (employee.spending_limit_minor === null || employee.spending_limit_minor === undefined) return "No limit"
  return `${formatMinor(employee.spending_limit_minor, currency)} per ${employee.spending_limit_period ?? "order"}`
}
