import { createStep, StepResponse } from "@medusajs/framework/workflows-sdk"
import { B2B_MODULE } from "../../../modules/b2b"
import type B2bModuleService from "../../../modules/b2b/service"

export const setContractPriceListsStepId = "set-contract-price-lists-step"

export type SetContractPriceListsStepInput = {
  contract_id: string
  /** The Medusa price list that now mirrors the contract. */
  price_list_id: string
}[]

/**
 * Records on each contract the price list that mirrors it, so the next sync
 * updates that list in place; compensation puts back the previous ids.
 */
export const setContractPriceListsStep = createStep(
  setContractPriceListsStepId,
  async (links: SetContractPriceListsStepInput, { container }) => {
    if (!links.length) return new StepResponse(undefined, [])
    const b2b = container.resolve<B2bModuleService>(B2B_MODULE)
    const previous = await b2b.listContracts(
      { id: links.map((l) => l.contract_id) },
      { select: ["id", "price_list_id"], withDeleted: true }
    )
    await b2b.updateContracts(links.map((l) => ({ id: l.contract_id, price_list_id: l.price_list_id })))
    return new StepResponse(
      undefined,
      previous.map((c) => ({ id: c.id, price_list_id: c.price_list_id ?? null }))
    )
  },
  async (previous, { container }) => {
    if (!previous?.length) return
    await container.resolve<B2bModuleService>(B2B_MODULE).updateContracts(previous)
  }
)
