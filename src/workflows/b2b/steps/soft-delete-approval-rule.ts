import { createStep, StepResponse } from "@medusajs/framework/workflows-sdk"
import { MedusaError } from "@medusajs/framework/utils"
import { B2B_MODULE } from "../../../modules/b2b"
import type B2bModuleService from "../../../modules/b2b/service"

export type SoftDeleteApprovalRuleStepInput = {
  company_id: string
  rule_id: string
  /** Company admins may remove only the rules their company wrote; merchant staff any. */
  as: "company" | "merchant"
}

/**
 * Removes a rule of the company (404 for another company's). Requests already
 * waiting keep the levels they were created with.
 */
export const softDeleteApprovalRuleStep = createStep(
  "soft-delete-approval-rule",
  async (input: SoftDeleteApprovalRuleStepInput, { container }) => {
    const b2b = container.resolve<B2bModuleService>(B2B_MODULE)
    const [rule] = await b2b.listApprovalRules({ id: input.rule_id, company_id: input.company_id })
    if (!rule) throw new MedusaError(MedusaError.Types.NOT_FOUND, `Approval rule ${input.rule_id} was not found`)
    if (input.as === "company" && rule.created_by === "merchant")
      throw new MedusaError(
        MedusaError.Types.FORBIDDEN,
        `approval rule ${rule.id} was set by the merchant; only the merchant's staff can remove it`
      )
    await b2b.softDeleteApprovalRules(rule.id)
    return new StepResponse(rule.id, rule.id)
  },
  async (id: string | undefined, { container }) => {
    if (id) await container.resolve<B2bModuleService>(B2B_MODULE).restoreApprovalRules(id)
  }
)
