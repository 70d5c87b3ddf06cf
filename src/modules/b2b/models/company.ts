import { model } from "@medusajs/framework/utils"
import { Contract } from "./contract"
import { Employee } from "./employee"

/**
 * A buyer company. `parent_company_id` builds the hierarchy (child accounts use
 * the nearest ancestor's contract when they have none); cycles are refused by
 * the service. External ids are filled by the invoicing and ERP integrations.
 */
export const Company = model
  .define("company", {
    id: model.id({ prefix: "comp" }).primaryKey(),
    name: model.text().searchable(),
    billing_email: model.text(),
    billing_address: model.json().nullable(),
    tax_ids: model.json<{ type: string; value: string }[]>().nullable(),
    currency_code: model.text(),
    parent_company_id: model.text().nullable(),
    stripe_customer_id: model.text().nullable(),
    erp_account_number: model.text().nullable(),
    po_required: model.boolean().default(false),
    /** How long an approval request waits for its decisions before it expires. */
    approval_ttl_hours: model.number().default(72),
    metadata: model.json().nullable(),
    employees: model.hasMany(() => Employee, { mappedBy: "company" }),
    contracts: model.hasMany(() => Contract, { mappedBy: "company" }),
  })
  .indexes([{ on: ["parent_company_id"] }])
