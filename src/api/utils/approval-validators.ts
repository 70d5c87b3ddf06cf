// Request bodies of the approval APIs, shared by the store (company admins) and the admin (merchant staff) routes.
import { z } from "@medusajs/framework/zod"
import { APPROVAL_CONDITIONS, APPROVAL_STATUSES, APPROVERS } from "../../modules/b2b/lib/approval-vocabulary"
import { EMPLOYEE_ROLES } from "../../modules/b2b/lib/roles"
import { currencyCode, minorAmount } from "./zod-fields"
import { listParams } from "./list-params"

const RANK = Object.fromEntries(APPROVERS.map((a, i) => [a, i]))

/**
 * One approval rule. Which fields go with which condition is checked here so
 * a rule that could never apply (an amount without a currency, a role rule
 * without a role) is a 400 naming the field, not a silent no-op.
 */
export const ApprovalRuleBody = z
  .object({
    condition: z.enum(APPROVAL_CONDITIONS),
    currency_code: currencyCode().nullish(),
    amount_minor: minorAmount().nullish(),
    role: z.enum(EMPLOYEE_ROLES).nullish(),
    approver: z.enum(APPROVERS).optional(),
    second_level_above_minor: minorAmount().nullish(),
    second_level_approver: z.enum(APPROVERS).nullish(),
  })
  .strict()
  .superRefine((rule, ctx) => {
    const issue = (path: string, message: string) => ctx.addIssue({ code: "custom", path: [path], message })
    if (rule.condition === "order_total_above") {
      if (rule.amount_minor === null || rule.amount_minor === undefined)
        issue("amount_minor", "is required for an order_total_above rule")
      if (!rule.currency_code) issue("currency_code", "is required for an order_total_above rule")
    }
    if (rule.condition === "role" && !rule.role) issue("role", "is required for a role rule")
    if (rule.condition === "over_credit_limit" && rule.approver && rule.approver !== "merchant")
      issue("approver", "an over_credit_limit rule is approved by the merchant (only the merchant extends credit)")
    if (rule.condition !== "over_credit_limit" && !rule.approver) issue("approver", "is required")
    const hasAbove = rule.second_level_above_minor !== null && rule.second_level_above_minor !== undefined
    if (hasAbove !== !!rule.second_level_approver)
      issue(
        hasAbove ? "second_level_approver" : "second_level_above_minor",
        "a second level needs both an amount and an approver"
      )
    const first = rule.condition === "over_credit_limit" ? "merchant" : rule.approver
    if (rule.second_level_approver && first && RANK[rule.second_level_approver] <= RANK[first])
      issue("second_level_approver", `must rank above the first level's ${first} (${APPROVERS.join(" < ")})`)
  })
  .transform((rule) => ({ ...rule, approver: rule.condition === "over_credit_limit" ? "merchant" : rule.approver! }))
export type ApprovalRuleBodyType = z.infer<typeof ApprovalRuleBody>

export const ApprovalDecisionBody = z
  .object({ comment: z.string().trim().max(2000, { error: "must be at most 2000 characters" }).nullish() })
  .strict()
export type ApprovalDecisionBodyType = z.infer<typeof ApprovalDecisionBody>

export const ListApprovalRequestsQuery = z
  .object({
    ...listParams({ defaultLimit: 20, maxLimit: 100 }),
    status: z.enum(APPROVAL_STATUSES).optional(),
    company_id: z.string().optional(),
    /** Only requests whose waiting level the caller may decide. */
    waiting_for_me: z
      .enum(["true", "false"])
      .transform((v) => v === "true")
      .optional(),
  })
  .strict()
export type ListApprovalRequestsQueryType = z.infer<typeof ListApprovalRequestsQuery>
