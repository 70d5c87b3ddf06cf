import { createStep, StepResponse } from "@medusajs/framework/workflows-sdk"
import { ContainerRegistrationKeys, MedusaError, Modules, OrderChangeStatus } from "@medusajs/framework/utils"
import { toMajorString, toMinor } from "../../../lib/money"
import { B2B_MODULE } from "../../../modules/b2b"
import type B2bModuleService from "../../../modules/b2b/service"
import {
  isNetTermsOrder,
  majorString,
  NET_TERMS_ORDER_FIELDS,
  type OrderPayments,
} from "../../../modules/b2b/lib/net-terms-order"
import type { ReserveCreditStepInput } from "./reserve-credit"

export const editCreditCheckStepId = "edit-credit-check-step"

/**
 * How long an edit's hold counts when nobody releases it. The invoicing side
 * releases it as soon as the edit's invoice (reissued or supplementary)
 * exists, within minutes; this is only the safety net for a release that
 * never comes, long enough to outlast days of issuing retries.
 */
export const EDIT_HOLD_TTL_SECONDS = 7 * 24 * 3600

/** The hold reference of an order edit (one per order change). */
export const orderEditHoldReference = (orderChangeId: string) => `order-edit:${orderChangeId}`

export type EditCreditCheckStepInput = { order_id: string }

type OrderForCreditCheck = OrderPayments & {
  id: string
  currency_code: string
  total: unknown
  metadata?: Record<string, unknown> | null
}

/**
 * What confirming the order's active edit would add to what its company owes
 * on net terms: the previewed total minus the current one. Returns the
 * reservation to make, or null when there is nothing to reserve (not a
 * net-terms order, no active edit, the total does not go up). A net-terms
 * order whose company has no active contract any more cannot grow on credit
 * (400 `net_terms_not_available`, the checkout's refusal). Reads only.
 */
export const editCreditCheckStep = createStep(
  editCreditCheckStepId,
  async ({ order_id }: EditCreditCheckStepInput, { container }) => {
    const query = container.resolve(ContainerRegistrationKeys.QUERY)
    const { data: orders } = await query.graph({
      entity: "order",
      fields: ["id", "currency_code", "total", "metadata", ...NET_TERMS_ORDER_FIELDS],
      filters: { id: order_id },
    })
    const order = orders[0] as OrderForCreditCheck | undefined
    if (!order || !isNetTermsOrder(order)) return new StepResponse(null)
    const { data: changes } = await query.graph({
      entity: "order_change",
      fields: ["id"],
      filters: { order_id, status: [OrderChangeStatus.PENDING, OrderChangeStatus.REQUESTED] },
    })
    const change = changes[0] as { id: string } | undefined
    // No active edit: Medusa's confirmation refuses it with its own message.
    if (!change) return new StepResponse(null)

    const currency = String(order.currency_code)
    const preview = await container.resolve(Modules.ORDER).previewOrderChange(order_id)
    const before = toMinor(majorString(order.total), currency, { round: true })
    const after = toMinor(majorString(preview.raw_total ?? preview.total), currency, { round: true })
    const increase = after - before
    if (increase <= 0n) return new StepResponse(null)

    const companyId = order.metadata?.company_id as string | undefined
    const resolved = companyId
      ? await container.resolve<B2bModuleService>(B2B_MODULE).resolveActiveContract(companyId, currency)
      : null
    if (!resolved) {
      throw new MedusaError(
        MedusaError.Types.NOT_ALLOWED,
        `net_terms_not_available: order ${order_id} is on net terms but its company has no active ${currency.toUpperCase()} contract, so it cannot grow by ${toMajorString(increase, currency)} ${currency.toUpperCase()} on credit`,
        "net_terms_not_available"
      )
    }
    const reservation: ReserveCreditStepInput = {
      company_id: resolved.owner_company_id,
      currency_code: currency,
      credit_limit_minor: String((resolved.contract as { credit_limit_minor?: unknown }).credit_limit_minor ?? 0),
      amount_minor: increase.toString(),
      reference: orderEditHoldReference(change.id),
      order_id,
      ttl_seconds: EDIT_HOLD_TTL_SECONDS,
      what: "order edit increase",
    }
    return new StepResponse(reservation)
  }
)
