import { createStep, StepResponse } from "@medusajs/framework/workflows-sdk"
import { ContainerRegistrationKeys, MedusaError } from "@medusajs/framework/utils"
import { resolveBuyerContext } from "../utils/contract-for-customer"
import { b2bOrderMetadata } from "../utils/draft-order-b2b"

export const draftNetTermsStepId = "draft-net-terms-step"

export type DraftNetTermsStepInput = { order_id: string }

export type DraftNetTerms = {
  /** The draft's metadata with the company, contract and terms the invoice bills on. */
  metadata: Record<string, unknown>
  /** The credit account the order's total is reserved on (the contract's owner) and its limit. */
  credit: { company_id: string; currency_code: string; credit_limit_minor: string }
}

/**
 * Whether a draft order may be placed on net terms, and on which: its
 * customer must be an employee of a company with an active contract in the
 * draft's currency (else 400 `net_terms_not_available`, the checkout's
 * refusal). Staff place drafts on the buyer's behalf, so the buyer's role
 * and per-order spending limit are not applied; the company's credit is.
 * Reads only.
 */
export const draftNetTermsStep = createStep(
  draftNetTermsStepId,
  async ({ order_id }: DraftNetTermsStepInput, { container }) => {
    const query = container.resolve(ContainerRegistrationKeys.QUERY)
    const { data } = await query.graph({
      entity: "order",
      fields: ["id", "customer_id", "currency_code", "metadata"],
      filters: { id: order_id },
    })
    const draft = data[0] as
      | { id: string; customer_id: string | null; currency_code: string; metadata: Record<string, unknown> | null }
      | undefined
    if (!draft) throw new MedusaError(MedusaError.Types.NOT_FOUND, `Draft order with id: ${order_id} was not found`)
    const currency = draft.currency_code
    const buyer = await resolveBuyerContext(container, draft.customer_id, currency)
    if (!buyer?.contract) {
      const who = buyer
        ? `${buyer.company.name} has no active ${currency.toUpperCase()} contract with payment terms`
        : "the draft's customer is not an employee of a company with an active contract"
      throw new MedusaError(
        MedusaError.Types.NOT_ALLOWED,
        `net_terms_not_available: payment_provider_id: ${who}`,
        "net_terms_not_available"
      )
    }
    const terms: DraftNetTerms = {
      metadata: { ...(draft.metadata ?? {}), ...b2bOrderMetadata(buyer) },
      credit: {
        company_id: buyer.contract_owner_company_id ?? buyer.contract.company_id,
        currency_code: currency,
        credit_limit_minor: String(buyer.contract.credit_limit_minor ?? 0),
      },
    }
    return new StepResponse(terms)
  }
)
