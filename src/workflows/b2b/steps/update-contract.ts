import { createStep, StepResponse } from "@medusajs/framework/workflows-sdk"
import { B2B_MODULE } from "../../../modules/b2b"
import type B2bModuleService from "../../../modules/b2b/service"
import type { CreateContractStepInput } from "./create-contract"

export const updateContractStepId = "update-contract-step"

export type UpdateContractStepInput = {
  id: string
  /** Terms only: the company and currency of a contract never change. */
  update: Partial<
    Pick<
      CreateContractStepInput,
      "reference" | "valid_from" | "valid_to" | "payment_terms" | "credit_limit_minor" | "status"
    >
  >
}

/** Changes a contract's terms; compensation puts back the previous values. */
export const updateContractStep = createStep(
  updateContractStepId,
  async ({ id, update }: UpdateContractStepInput, { container }) => {
    const b2b = container.resolve<B2bModuleService>(B2B_MODULE)
    const previous = await b2b.retrieveContract(id, { select: ["id", ...Object.keys(update)] })
    const contract = await b2b.updateContracts({ id, ...update })
    return new StepResponse(contract, previous)
  },
  async (previous, { container }) => {
    if (!previous) return
    await container
      .resolve<B2bModuleService>(B2B_MODULE)
      .updateContracts(previous as { id: string } & UpdateContractStepInput["update"])
  }
)
