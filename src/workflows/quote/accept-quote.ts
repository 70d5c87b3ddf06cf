import { createWorkflow, transform, when, WorkflowResponse } from "@medusajs/framework/workflows-sdk"
import {
  completeCartWorkflow,
  createCartWorkflow,
  createPaymentCollectionForCartWorkflow,
  createPaymentSessionsWorkflow,
  createPromotionsStep,
  updateTaxLinesWorkflow,
} from "@medusajs/medusa/core-flows"
import { NET_TERMS_PROVIDER_ID } from "../../modules/providers/net-terms/constants"
import { recordHubEventStep } from "../outbox/steps/record-hub-event"
import { requestCartApprovalWorkflow } from "../b2b/request-cart-approval"
import { prepareQuoteAcceptanceStep, type PrepareQuoteAcceptanceInput } from "./steps/prepare-quote-acceptance"
import { addQuoteShippingStep } from "./steps/add-quote-shipping"
import { transitionQuoteStep } from "./steps/transition-quote"
import { quoteEvent } from "./utils/quote-events"

export type AcceptQuoteWorkflowInput = PrepareQuoteAcceptanceInput

/**
 * The buyer accepts the version on offer, and it becomes an order through
 * Medusa's own checkout so that everything downstream runs as for a store
 * order: a cart at exactly the quoted prices (custom-price lines, the
 * quote's shipping amount, its discount as a single-use promotion, the
 * quote's terms in the metadata), a net-terms payment session, then either
 * the company's approval rules hold it (an approval request; approving it
 * completes the cart, see decideApprovalRequestWorkflow) or
 * `completeCartWorkflow` places it now: the checkout hook's role, limit and
 * credit checks and reservation, `order.placed`, the invoice on the quote's
 * terms, ERP sync and webhooks. `quote.accepted` is recorded.
 *
 * The quote moves to `accepted` first in one guarded update (a racing
 * revision, a second accept or expiry gets a 409); if anything after it
 * fails, every step is undone: the cart, promotion and payment are removed
 * and the quote is `quoted` again.
 *
 * @example
 * await acceptQuoteWorkflow(container).run({ input: { quote_id, version: 3 } })
 */
export const acceptQuoteWorkflow = createWorkflow("accept-quote", (input: AcceptQuoteWorkflowInput) => {
  const prepared = prepareQuoteAcceptanceStep(input)
  transitionQuoteStep(
    transform({ prepared }, ({ prepared }) => ({
      guard: {
        id: prepared.quote.id,
        status: ["quoted" as const],
        sent_version: prepared.version.number,
        unexpired_at: new Date().toISOString(),
      },
      patch: { status: "accepted" as const, accepted_version: prepared.version.number },
      refusal: {
        code: "quote_changed",
        message: `quote ${prepared.quote.id} changed while it was being accepted; read it again`,
      },
      undo: { status: "quoted" as const, accepted_version: null },
    }))
  ).config({ name: "claim-quote-acceptance" })

  when("quote-has-discount", { prepared }, ({ prepared }) => !!prepared.promotion).then(() => {
    createPromotionsStep(
      transform({ prepared }, ({ prepared }) => {
        const { promotion, quote } = prepared
        return [
          {
            code: promotion!.code,
            type: "standard" as const,
            status: "active" as const,
            is_automatic: false,
            application_method: {
              type: "fixed" as const,
              target_type: "order" as const,
              allocation: "across" as const,
              value: promotion!.value,
              currency_code: quote.currency_code,
            },
            campaign: {
              name: `Quote ${quote.id} v${prepared.version.number}`,
              campaign_identifier: promotion!.code,
              budget: { type: "usage" as const, limit: 1 },
            },
          },
        ]
      })
    )
  })

  const cart = createCartWorkflow.runAsStep({ input: transform({ prepared }, ({ prepared }) => prepared.cart) })
  addQuoteShippingStep(
    transform({ prepared, cart }, ({ prepared, cart }) => ({ cart_id: cart.id, shipping: prepared.shipping }))
  )
  updateTaxLinesWorkflow.runAsStep({ input: transform({ cart }, ({ cart }) => ({ cart_id: cart.id })) })
  const collection = createPaymentCollectionForCartWorkflow.runAsStep({
    input: transform({ cart }, ({ cart }) => ({ cart_id: cart.id })),
  })
  createPaymentSessionsWorkflow.runAsStep({
    input: transform({ collection }, ({ collection }) => ({
      payment_collection_id: (collection as unknown as { id: string }).id,
      provider_id: NET_TERMS_PROVIDER_ID,
      data: {},
      context: {},
    })),
  })

  const asked = requestCartApprovalWorkflow.runAsStep({
    input: transform({ cart }, ({ cart }) => ({ cart_id: cart.id })),
  })
  const held = when("quote-needs-approval", { asked }, ({ asked }) => !!asked).then(() =>
    transitionQuoteStep(
      transform({ prepared, cart, asked }, ({ prepared, cart, asked }) => ({
        guard: { id: prepared.quote.id, status: ["accepted" as const] },
        patch: { status: "pending_approval" as const, cart_id: cart.id, approval_request_id: asked!.request.id },
        refusal: { code: "quote_changed", message: `quote ${prepared.quote.id} changed while it was being accepted` },
        undo: { status: "accepted" as const, cart_id: null, approval_request_id: null },
      }))
    ).config({ name: "hold-quote-for-approval" })
  )
  const placed = when("quote-places-order", { asked }, ({ asked }) => !asked).then(() => {
    const order = completeCartWorkflow.runAsStep({ input: transform({ cart }, ({ cart }) => ({ id: cart.id })) })
    return transitionQuoteStep(
      transform({ prepared, cart, order }, ({ prepared, cart, order }) => ({
        guard: { id: prepared.quote.id, status: ["accepted" as const], order_id: null },
        patch: { cart_id: cart.id, order_id: order.id, closed_at: new Date().toISOString() },
        refusal: { code: "quote_changed", message: `quote ${prepared.quote.id} changed while it was being accepted` },
        undo: { cart_id: null, order_id: null, closed_at: null },
      }))
    ).config({ name: "link-quote-order" })
  })
  const quote = transform({ held, placed }, ({ held, placed }) => (placed ?? held)!)
  recordHubEventStep(
    transform({ quote, prepared }, ({ quote, prepared }) => quoteEvent("quote.accepted", quote, prepared.version))
  )
  return new WorkflowResponse(quote)
})
