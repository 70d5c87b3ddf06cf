import { createStep, StepResponse } from "@medusajs/framework/workflows-sdk"
import { ContainerRegistrationKeys } from "@medusajs/framework/utils"
import { B2B_MODULE } from "../../../modules/b2b"
import type B2bModuleService from "../../../modules/b2b/service"
import { releaseCreditHolds } from "../../b2b/utils/release-credit-holds"

export const releaseEditCreditHoldsStepId = "release-edit-credit-holds-step"

/** The prefix of an order edit's credit hold reference (`order-edit:<order_change_id>`, reserved when the edit is confirmed). */
const EDIT_HOLD_PREFIX = "order-edit:"

export type ReleaseEditCreditHoldsStepInput = {
  order_id: string
  /** The order version the invoices now bill: holds of changes up to it are carried by an invoice record. */
  up_to_version: number
}

/**
 * An edit that raised a net-terms order's total reserved the increase on
 * the company's credit (hold `order-edit:<order_change_id>`). Once the
 * order's invoice records bill the edited order — the reissued or
 * supplementary invoice record exists, whose amount_due now counts — the
 * hold is released ("invoiced"), so the increase is not counted twice.
 * Only holds of changes confirmed at or below the version the invoices bill:
 * an edit confirmed meanwhile keeps its hold until its own run.
 *
 * No compensation: releasing only stops counting what an invoice record
 * already counts; re-opening it would count the increase twice.
 */
export const releaseEditCreditHoldsStep = createStep(
  releaseEditCreditHoldsStepId,
  async ({ order_id, up_to_version }: ReleaseEditCreditHoldsStepInput, { container }) => {
    const b2b = container.resolve<B2bModuleService>(B2B_MODULE)
    const holds = (await b2b.listCreditHolds({ order_id, released_at: null }, { select: ["id", "reference"] })).filter(
      (h) => h.reference.startsWith(EDIT_HOLD_PREFIX)
    )
    if (!holds.length) return new StepResponse({ released: [] as string[] })
    const changeOf = new Map(holds.map((h) => [h.reference.slice(EDIT_HOLD_PREFIX.length), h.id]))
    const query = container.resolve(ContainerRegistrationKeys.QUERY)
    const { data: changes } = await query.graph({
      entity: "order_change",
      fields: ["id", "status", "version"],
      filters: { id: [...changeOf.keys()] },
    })
    const ids = (changes as { id: string; status: string; version: number | null }[])
      .filter((c) => c.status === "confirmed" && Number(c.version) <= up_to_version)
      .map((c) => changeOf.get(c.id)!)
    const released = ids.length ? await releaseCreditHolds(container, { ids }, "invoiced") : []
    return new StepResponse({ released })
  }
)
