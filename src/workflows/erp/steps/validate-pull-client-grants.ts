import { ContainerRegistrationKeys, MedusaError } from "@medusajs/framework/utils"
import { createStep, StepResponse } from "@medusajs/framework/workflows-sdk"
import { B2B_MODULE } from "../../../modules/b2b"
import type B2bModuleService from "../../../modules/b2b/service"

export const validatePullClientGrantsStepId = "validate-pull-client-grants-step"

export type ValidatePullClientGrantsStepInput = {
  /** Sales channels the client would see; `"*"` stands for all of them. */
  sales_channel_ids: string[]
  /** Buyer companies the client would be limited to. */
  company_ids: string[]
}

/**
 * Refuses grants naming a sales channel or a company that does not exist
 * (400 naming the field and the unknown ids): the client would be issued
 * fine and then never see an order, with nothing saying why. Read-only, so
 * nothing to compensate.
 */
export const validatePullClientGrantsStep = createStep(
  validatePullClientGrantsStepId,
  async ({ sales_channel_ids, company_ids }: ValidatePullClientGrantsStepInput, { container }) => {
    const channelIds = unique(sales_channel_ids.filter((id) => id !== "*"))
    if (channelIds.length) {
      const query = container.resolve(ContainerRegistrationKeys.QUERY)
      const { data } = await query.graph({ entity: "sales_channel", fields: ["id"], filters: { id: channelIds } })
      refuseUnknown(
        "sales_channel_ids",
        "sales channel",
        channelIds,
        data.map((c: { id: string }) => c.id)
      )
    }
    const companyIds = unique(company_ids)
    if (companyIds.length) {
      const b2b = container.resolve<B2bModuleService>(B2B_MODULE)
      const companies = await b2b.listCompanies({ id: companyIds }, { select: ["id"] })
      refuseUnknown(
        "company_ids",
        "company",
        companyIds,
        companies.map((c) => c.id)
      )
    }
    return new StepResponse(undefined)
  }
)

const unique = (ids: string[]) => [...new Set(ids)]

function refuseUnknown(field: string, what: string, asked: string[], found: string[]): void {
  const unknown = asked.filter((id) => !found.includes(id))
  if (!unknown.length) return
  const noun = unknown.length === 1 ? what : what === "company" ? "companies" : `${what}s`
  throw new MedusaError(MedusaError.Types.INVALID_DATA, `${field}: unknown ${noun} ${unknown.join(", ")}`)
}
