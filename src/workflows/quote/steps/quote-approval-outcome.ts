import { createStep, StepResponse } from "@medusajs/framework/workflows-sdk"
import { Modules } from "@medusajs/framework/utils"
import { QUOTE_MODULE } from "../../../modules/quote"
import type QuoteModuleService from "../../../modules/quote/service"

/**
 * An approval that held a quote's order ended with the order placed: the
 * quote records it. A cart that came from no quote changes nothing.
 * Compensation unlinks it (the approval workflow undoes the order too).
 */
export const linkQuoteOrderStep = createStep(
  "link-quote-order",
  async (input: { cart_id: string; order_id: string }, { container }) => {
    const quotes = container.resolve<QuoteModuleService>(QUOTE_MODULE)
    const [quote] = await quotes.listQuotes({ cart_id: input.cart_id, status: "pending_approval" }, { select: ["id"] })
    if (!quote) return new StepResponse(null, null)
    const row = await quotes.transitionQuote(
      { id: quote.id, status: ["pending_approval"], cart_id: input.cart_id, order_id: null },
      { status: "accepted", order_id: input.order_id, closed_at: new Date().toISOString() }
    )
    return new StepResponse(row, row ? quote.id : null)
  },
  async (id, { container }) => {
    if (!id) return
    await container
      .resolve<QuoteModuleService>(QUOTE_MODULE)
      .transitionQuote({ id, status: ["accepted"] }, { status: "pending_approval", order_id: null, closed_at: null })
  }
)

/**
 * An approval that held a quote's order was rejected or expired: the quote
 * is on offer again (`quoted`, until its expiry) and the cart built for it
 * is deleted, so its quoted prices cannot be checked out another way.
 * Compensation restores both.
 */
export const reopenQuotesForCartsStep = createStep(
  "reopen-quotes-for-carts",
  async (input: { cart_ids: string[] }, { container }) => {
    const quotes = container.resolve<QuoteModuleService>(QUOTE_MODULE)
    if (!input.cart_ids.length) return new StepResponse([], [])
    const held = await quotes.listQuotes({ cart_id: input.cart_ids, status: "pending_approval" })
    const reopened: {
      id: string
      cart_id: string
      approval_request_id: string | null
      accepted_version: number | null
    }[] = []
    for (const quote of held) {
      const row = await quotes.transitionQuote(
        { id: quote.id, status: ["pending_approval"], cart_id: quote.cart_id!, order_id: null },
        { status: "quoted", cart_id: null, approval_request_id: null, accepted_version: null }
      )
      if (row)
        reopened.push({
          id: quote.id,
          cart_id: quote.cart_id!,
          approval_request_id: quote.approval_request_id ?? null,
          accepted_version: quote.accepted_version ?? null,
        })
    }
    if (reopened.length) await container.resolve(Modules.CART).softDeleteCarts(reopened.map((q) => q.cart_id))
    return new StepResponse(reopened, reopened)
  },
  async (reopened, { container }) => {
    if (!reopened?.length) return
    await container.resolve(Modules.CART).restoreCarts(reopened.map((q) => q.cart_id))
    const quotes = container.resolve<QuoteModuleService>(QUOTE_MODULE)
    for (const q of reopened) {
      await quotes.transitionQuote(
        { id: q.id, status: ["quoted"] },
        {
          status: "pending_approval",
          cart_id: q.cart_id,
          approval_request_id: q.approval_request_id,
          accepted_version: q.accepted_version,
        }
      )
    }
  }
)
