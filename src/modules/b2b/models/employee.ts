import { model } from "@medusajs/framework/utils"
import { Company } from "./company"
import { EMPLOYEE_ROLES } from "../lib/roles"

/**
 * A Medusa customer acting for a company. What each role may do is
 * `lib/roles.ts`; buyers and approvers are bound by `spending_limit_minor`
 * per order (null = no limit).
 */
export const Employee = model.define("employee", {
  id: model.id({ prefix: "emp" }).primaryKey(),
  customer_id: model.text().unique(),
  role: model.enum([...EMPLOYEE_ROLES]).default("buyer"),
  spending_limit_minor: model.bigNumber().nullable(),
  company: model.belongsTo(() => Company, { mappedBy: "employees" }),
})
