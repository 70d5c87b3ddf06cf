import { createWorkflow, transform, when, WorkflowResponse } from "@medusajs/framework/workflows-sdk"
import {
  acquireLockStep,
  authorizePaymentSessionStep,
  convertDraftOrderWorkflow,
  createOrUpdateOrderPaymentCollectionWorkflow,
  createPaymentSessionsWorkflow,
  releaseLockStep,
  updateOrdersStep,
  useQueryGraphStep,
} from "@medusajs/medusa/core-flows"
import { MedusaError } from "@medusajs/framework/utils"
import { toMinor } from "../../lib/money"
import { NET_TERMS_PROVIDER_ID } from "../../modules/providers/net-terms/constants"
import { majorString } from "../../modules/b2b/lib/net-terms-order"
import { orderHoldReference } from "../../modules/b2b/lib/order-credit-hold"
import { ORDER_LOCK_TIMEOUT_SECONDS, ORDER_LOCK_TTL_SECONDS } from "../../modules/b2b/lib/order-lock"
import { CHECKOUT_HOLD_TTL_SECONDS } from "./utils/reserve-credit"
import { draftNetTermsStep, type DraftNetTerms } from "./steps/draft-net-terms"
import { keepOrderCreditHoldStep } from "./steps/keep-order-credit-hold"
import { reserveCreditStep, type ReserveCreditStepInput } from "./steps/reserve-credit"

/** The order's collection awaiting payment (Medusa keeps at most one open: createOrUpdateOrderPaymentCollectionWorkflow). */
type OrderCollections = {
  id: string
  payment_collections?: ({ id: string; status: string } | null)[]
}

function unpaidCollectionId(order: OrderCollections): string {
  const open = (order.payment_collections ?? []).find((c) => c && (c.status === "not_paid" || c.status === "awaiting"))
  if (!open)
    throw new MedusaError(
      MedusaError.Types.NOT_ALLOWED,
      `Order ${order.id} owes nothing: there is no payment to place on net terms`
    )
  return open.id
}

export type ConvertDraftOrderB2bInput = {
  /** The draft order (its id stays the order's id). */
  id: string
  /** `pp_net-terms_net-terms`: place it on the contract's terms. Absent: Medusa's plain conversion. */
  payment_provider_id?: string | null
}

/**
 * Medusa's draft-order conversion, optionally placing the order on net terms
 * like a store checkout does: the draft gets the company, contract and terms
 * (the invoice bills on them), is converted (Medusa re-taxes it and reserves
 * stock), its total is reserved on the company's credit (400
 * `credit_limit_exceeded` and the draft stays a draft otherwise), and a
 * net-terms payment is authorized for it — never captured: capture means the
 * invoice was paid. `order.placed`, emitted by the nested conversion, is
 * released only when this whole workflow succeeds, so the order-placed
 * subscriber finds the net-terms payment and issues the invoice, once.
 *
 * Locking: the draft's id (Medusa's conversion locks it, but nested it takes
 * no lock of its own), then the credit lock inside reserveCredit.
 * Compensation: every step undoes itself (metadata restored, conversion
 * reverted to a draft, hold released, payment canceled).
 *
 * @example
 * await convertDraftOrderB2bWorkflow(container).run({ input: { id: draftId, payment_provider_id: "pp_net-terms_net-terms" } })
 */
export const convertDraftOrderB2bWorkflow = createWorkflow(
  "convert-draft-order-b2b-workflow",
  (input: ConvertDraftOrderB2bInput) => {
    acquireLockStep({ key: input.id, timeout: ORDER_LOCK_TIMEOUT_SECONDS, ttl: ORDER_LOCK_TTL_SECONDS })
    const onTerms = transform({ input }, ({ input }) => input.payment_provider_id === NET_TERMS_PROVIDER_ID)

    const terms = when("draft-on-net-terms", { onTerms }, ({ onTerms }) => onTerms).then(() => {
      const terms = draftNetTermsStep({ order_id: input.id })
      updateOrdersStep(
        transform({ input, terms }, ({ input, terms }) => ({
          selector: { id: input.id },
          update: { metadata: terms.metadata },
        }))
      )
      return terms
    })

    convertDraftOrderWorkflow.runAsStep({ input: transform({ input }, ({ input }) => ({ id: input.id })) })

    when("pay-on-net-terms", { onTerms }, ({ onTerms }) => onTerms).then(() => {
      // The total after conversion: Medusa re-computes the tax lines while converting.
      const { data: orders } = useQueryGraphStep({
        entity: "order",
        fields: ["id", "total", "currency_code"],
        filters: { id: input.id },
      }).config({
        name: "converted-order",
      })
      const reservation = transform({ orders, terms }, ({ orders, terms }): ReserveCreditStepInput => {
        const order = orders[0] as { id: string; total: unknown; currency_code: string }
        const credit = (terms as DraftNetTerms).credit
        return {
          ...credit,
          amount_minor: toMinor(majorString(order.total), order.currency_code, { round: true }).toString(),
          reference: orderHoldReference(order.id),
          order_id: order.id,
          // Covers a conversion that dies half-way; cleared once the payment is authorized.
          ttl_seconds: CHECKOUT_HOLD_TTL_SECONDS,
          what: "order total",
        }
      })
      const hold = reserveCreditStep(reservation)

      // A collection for what the order owes: a draft edit may have left one
      // (not paid) to update, else a new one. Medusa's workflow decides.
      createOrUpdateOrderPaymentCollectionWorkflow.runAsStep({
        input: transform({ input }, ({ input }) => ({ order_id: input.id })),
      })
      const { data: payable } = useQueryGraphStep({
        entity: "order",
        fields: ["id", "payment_collections.id", "payment_collections.status"],
        filters: { id: input.id },
      }).config({ name: "order-payment-collection" })
      const session = createPaymentSessionsWorkflow.runAsStep({
        input: transform({ payable }, ({ payable }) => ({
          payment_collection_id: unpaidCollectionId(payable[0] as OrderCollections),
          provider_id: NET_TERMS_PROVIDER_ID,
          data: {},
          context: {},
        })),
      })
      authorizePaymentSessionStep(transform({ session }, ({ session }) => ({ id: session.id, context: {} })))
      keepOrderCreditHoldStep(transform({ hold }, ({ hold }) => ({ hold_id: hold.hold_id })))
    })

    releaseLockStep({ key: input.id })
    return new WorkflowResponse({ id: input.id })
  }
)
