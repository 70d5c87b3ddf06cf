import { model } from "@medusajs/framework/utils"
import { Company } from "./company"

/**
 * A Medusa customer acting for a company. Viewers cannot check out; buyers are
 * bound by `spending_limit_minor` per order (null = no limit).
 */
export const Employee = model.define("employee", {
  id: model.id({ prefix: "emp" }).primaryKey(),
  customer_id: model.text().unique(),
  role: model.enum(["admin", "buyer", "viewer"]).default("buyer"),
  spending_limit_minor: model.bigNumber().nullable(),
  company: model.belongsTo(() => Company, { mappedBy: "employees" }),
})
