import { createStep, StepResponse } from "@medusajs/framework/workflows-sdk"
import { B2B_MODULE } from "../../../modules/b2b"
import type B2bModuleService from "../../../modules/b2b/service"
import type { ApprovalCondition, Approver } from "../../../modules/b2b/lib/approval-vocabulary"
import type { EmployeeRole } from "../../../modules/b2b/lib/roles"

export type CreateApprovalRuleStepInput = {
  company_id: string
  created_by: "company" | "merchant"
  condition: ApprovalCondition
  currency_code?: string | null
  amount_minor?: number | null
  role?: EmployeeRole | null
  approver: Approver
  second_level_above_minor?: number | null
  second_level_approver?: Approver | null
}

export const createApprovalRuleStep = createStep(
  "create-approval-rule",
  async (input: CreateApprovalRuleStepInput, { container }) => {
    const rule = await container.resolve<B2bModuleService>(B2B_MODULE).createApprovalRules(input)
    return new StepResponse(rule, rule.id)
  },
  async (id: string | undefined, { container }) => {
    if (id) await container.resolve<B2bModuleService>(B2B_MODULE).deleteApprovalRules(id)
  }
)
