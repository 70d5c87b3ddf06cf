// Marks credit holds released; used by the credit steps and their compensations, the checkout hook and invoicing.
import type { MedusaContainer } from "@medusajs/framework/types"
import { B2B_MODULE } from "../../../modules/b2b"
import type { CreditHoldReleaseReason } from "../../../modules/b2b/models/credit-hold"
import type B2bModuleService from "../../../modules/b2b/service"

export type CreditHoldSelector = {
  ids?: string[]
  cart_ids?: string[]
  order_id?: string
  reference?: string
}

/**
 * Marks the matching unreleased holds released (they stop counting) and
 * returns their ids. Needs no credit lock: releasing only lowers exposure,
 * and a check that still counted the hold was merely cautious. For a
 * checkout hold this is bookkeeping as much as anything: once the order's
 * invoice record exists the hold no longer counts anyway (credit-exposure.ts).
 */
export async function releaseCreditHolds(
  container: MedusaContainer,
  selector: CreditHoldSelector,
  reason: CreditHoldReleaseReason,
  patch: { order_id?: string } = {}
): Promise<string[]> {
  const or: Record<string, unknown>[] = []
  if (selector.ids?.length) or.push({ id: selector.ids })
  if (selector.cart_ids?.length) or.push({ cart_id: selector.cart_ids })
  if (selector.order_id) or.push({ order_id: selector.order_id })
  if (selector.reference) or.push({ reference: selector.reference })
  if (!or.length) return []

  const b2b = container.resolve<B2bModuleService>(B2B_MODULE)
  const holds = await b2b.listCreditHolds({ released_at: null, $or: or }, { select: ["id"] })
  if (!holds.length) return []
  const released_at = new Date()
  await b2b.updateCreditHolds(holds.map((h) => ({ id: h.id, released_at, release_reason: reason, ...patch })))
  return holds.map((h) => h.id)
}
