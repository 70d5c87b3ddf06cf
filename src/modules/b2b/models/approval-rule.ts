import { model } from "@medusajs/framework/utils"
import { EMPLOYEE_ROLES } from "../lib/roles"
import { APPROVAL_CONDITIONS, APPROVAL_RULE_AUTHORS, APPROVERS } from "../lib/approval-vocabulary"

/**
 * When a company's order waits for approval, and who approves it
 * (lib/approval-rules.ts evaluates them). `amount_minor` and `currency_code`
 * go with `order_total_above`, `role` with `role`; a second level applies
 * when the order total is above `second_level_above_minor` (same currency as
 * the order). `over_credit_limit` is always approved by merchant staff.
 */
export const ApprovalRule = model
  .define("approval_rule", {
    id: model.id({ prefix: "aprl" }).primaryKey(),
    company_id: model.text(),
    condition: model.enum([...APPROVAL_CONDITIONS]),
    currency_code: model.text().nullable(),
    amount_minor: model.bigNumber().nullable(),
    role: model.enum([...EMPLOYEE_ROLES]).nullable(),
    approver: model.enum([...APPROVERS]),
    second_level_above_minor: model.bigNumber().nullable(),
    second_level_approver: model.enum([...APPROVERS]).nullable(),
    created_by: model.enum([...APPROVAL_RULE_AUTHORS]).default("company"),
  })
  .indexes([{ on: ["company_id"] }])
