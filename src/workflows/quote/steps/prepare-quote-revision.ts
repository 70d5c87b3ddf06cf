import { createStep, StepResponse } from "@medusajs/framework/workflows-sdk"
import { ContainerRegistrationKeys } from "@medusajs/framework/utils"
import { REVISABLE_STATUSES, type QuoteStatus } from "../../../modules/quote/lib/quote-vocabulary"
import { diffVersions } from "../../../modules/quote/lib/quote-diff"
import { QuoteAmountError, quoteTotals, withSubtotal } from "../../../modules/quote/lib/quote-totals"
import type { QuoteLine, QuoteShipping } from "../../../modules/quote/models/quote-version"
import { resolveBuyerContext } from "../../b2b/utils/contract-for-customer"
import { priceQuoteLines } from "../utils/price-quote-lines"
import { invalidQuoteField, quoteConflict } from "../utils/quote-errors"
import { loadQuote, loadQuoteVersion } from "../utils/load-quote"
import { checkTermsWithinContract, DEFAULT_QUOTE_VALIDITY_DAYS } from "../utils/quote-terms"

export type QuoteRevisionLineInput = { variant_id: string; quantity: number; unit_price_minor?: string }

export type PrepareQuoteRevisionInput = {
  quote_id: string
  user_id: string
  /** The whole new set of lines; absent: the previous version's lines. */
  lines?: QuoteRevisionLineInput[]
  discount_minor?: string
  /** null removes shipping; absent keeps the previous. */
  shipping?: { shipping_option_id: string; amount_minor: string } | null
  payment_terms?: string
  expires_at?: string
  comment?: string | null
  /** The version the revision was made from; a 409 when another revision landed since. */
  based_on_version?: number
}

/** A line's quoted price: what staff give, else what the previous version quoted, else the contract's. */
function quotedPrice(given: string | undefined, previous: QuoteLine | undefined, contractPrice: string): string {
  if (given !== undefined) return BigInt(given).toString()
  return previous?.unit_price_minor ?? contractPrice
}

async function shippingOf(
  container: Parameters<typeof loadQuote>[0],
  input: NonNullable<PrepareQuoteRevisionInput["shipping"]>
): Promise<QuoteShipping> {
  const query = container.resolve(ContainerRegistrationKeys.QUERY)
  const { data } = await query.graph({
    entity: "shipping_option",
    fields: ["id", "name"],
    filters: { id: input.shipping_option_id },
  })
  const option = data[0] as { id: string; name: string } | undefined
  if (!option) throw invalidQuoteField("shipping.shipping_option_id", `no shipping option ${input.shipping_option_id}`)
  return { shipping_option_id: option.id, name: option.name, amount_minor: BigInt(input.amount_minor).toString() }
}

/**
 * Builds the next version from a staff revision: the given lines (priced
 * against the contract again for reference, each at the price staff give,
 * else the price it had, else the contract's), discount, shipping, payment
 * terms (never longer than the contract allows) and expiry (default 30 days
 * from now), with the diff against the latest version. 409 when the quote
 * is no longer open to revision; 400 naming the field for amounts no order
 * can carry, or a revision that changes nothing. Reads only.
 */
export const prepareQuoteRevisionStep = createStep(
  "prepare-quote-revision",
  async (input: PrepareQuoteRevisionInput, { container }) => {
    const quote = await loadQuote(container, input.quote_id)
    if (!REVISABLE_STATUSES.includes(quote.status as QuoteStatus)) {
      throw quoteConflict("quote_not_open", `quote ${quote.id} is ${quote.status}: it can no longer be revised`)
    }
    if (input.based_on_version !== undefined && input.based_on_version !== quote.latest_version) {
      throw quoteConflict(
        "quote_version_superseded",
        `quote ${quote.id} was revised since version ${input.based_on_version}: its latest is version ${quote.latest_version}`
      )
    }
    const previous = await loadQuoteVersion(container, quote.id, quote.latest_version)
    const buyer = await resolveBuyerContext(container, quote.customer_id, quote.currency_code)
    if (!buyer?.contract) {
      throw quoteConflict(
        "contract_not_active",
        `the buyer's company has no active ${quote.currency_code.toUpperCase()} contract: quote ${quote.id} cannot be placed on net terms`
      )
    }

    let lines = previous.lines
    if (input.lines) {
      const seen = new Set<string>()
      input.lines.forEach((line, index) => {
        if (seen.has(line.variant_id))
          throw invalidQuoteField(`lines[${index}].variant_id`, `${line.variant_id} is listed twice`)
        seen.add(line.variant_id)
      })
      const priced = await priceQuoteLines(
        container,
        { customer_id: quote.customer_id, currency_code: quote.currency_code, region_id: quote.region_id },
        input.lines.map((l, index) => ({ variant_id: l.variant_id, quantity: l.quantity, field: `lines[${index}]` }))
      )
      const before = new Map(previous.lines.map((l) => [l.variant_id, l]))
      lines = priced.map((line, index) => {
        const unit = quotedPrice(
          input.lines![index].unit_price_minor,
          before.get(line.variant_id),
          line.unit_price_minor
        )
        return withSubtotal({
          ...line,
          unit_price_minor: unit,
          // The contract's explanation describes the contract price, not a price staff set.
          explanation: unit === line.contract_unit_price_minor ? line.explanation : null,
        })
      })
    }

    const shipping =
      input.shipping === undefined ? previous.shipping : input.shipping && (await shippingOf(container, input.shipping))
    const discount = BigInt(input.discount_minor ?? String(previous.discount_minor ?? 0))
    let totals
    try {
      totals = quoteTotals(lines, discount, BigInt(shipping?.amount_minor ?? 0))
    } catch (error) {
      if (error instanceof QuoteAmountError)
        throw invalidQuoteField(error.field, error.message.slice(error.field.length + 2))
      throw error
    }
    const payment_terms = checkTermsWithinContract(
      input.payment_terms ?? previous.payment_terms,
      buyer.contract.payment_terms as string
    )
    const now = Date.now()
    let expires_at = input.expires_at
      ? new Date(input.expires_at)
      : previous.expires_at
        ? new Date(previous.expires_at)
        : null
    if (input.expires_at && expires_at!.getTime() <= now) throw invalidQuoteField("expires_at", "must be in the future")
    if (!expires_at || expires_at.getTime() <= now)
      expires_at = new Date(now + DEFAULT_QUOTE_VALIDITY_DAYS * 86_400_000)

    const number = quote.latest_version + 1
    const next = {
      number,
      lines,
      discount_minor: totals.discount_minor.toString(),
      shipping,
      payment_terms,
      expires_at: expires_at.toISOString(),
    }
    const diff = diffVersions(previous, next)
    if (!diff.lines.length && !diff.terms.length) {
      throw invalidQuoteField("lines", `the revision changes nothing from version ${previous.number}`)
    }
    return new StepResponse({
      quote,
      version: {
        ...next,
        quote_id: quote.id,
        subtotal_minor: totals.subtotal_minor.toString(),
        shipping_minor: totals.shipping_minor.toString(),
        total_minor: totals.total_minor.toString(),
        author_type: "user" as const,
        author_id: input.user_id,
        comment: input.comment ?? null,
        diff,
      },
    })
  }
)
