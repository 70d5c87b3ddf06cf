import { model } from "@medusajs/framework/utils"
import { Company } from "./company"
import { EMPLOYEE_ROLES } from "../lib/roles"
import { SPENDING_PERIODS } from "../lib/spending-periods"

/**
 * A Medusa customer acting for a company. What each role may do is
 * `lib/roles.ts`; buyers and approvers are bound by `spending_limit_minor`
 * (null = no limit) per order or per `spending_limit_period`. A deactivated
 * employee (`deactivated_at` set) keeps the record, so the company still
 * sees their past orders, but buys as a customer of no company.
 */
export const Employee = model.define("employee", {
  id: model.id({ prefix: "emp" }).primaryKey(),
  customer_id: model.text().unique(),
  role: model.enum([...EMPLOYEE_ROLES]).default("buyer"),
  spending_limit_minor: model.bigNumber().nullable(),
  /** What the limit covers: one order, or all of the employee's orders in the current UTC day/week/month/year. */
  spending_limit_period: model.enum([...SPENDING_PERIODS]).default("order"),
  /** Set by the company's admin (or staff) to suspend the employee; null = active. */
  deactivated_at: model.dateTime().nullable(),
  company: model.belongsTo(() => Company, { mappedBy: "employees" }),
})
