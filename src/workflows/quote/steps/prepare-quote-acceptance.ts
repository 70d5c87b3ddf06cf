import { randomBytes } from "node:crypto"
import { createStep, StepResponse } from "@medusajs/framework/workflows-sdk"
import { ContainerRegistrationKeys, MedusaError } from "@medusajs/framework/utils"
import { toMajorString } from "../../../lib/money"
import type { QuoteRow, QuoteVersionRow } from "../../../modules/quote/lib/quote-document"
import { resolveBuyerContext } from "../../b2b/utils/contract-for-customer"
import { invalidQuoteField, quoteConflict } from "../utils/quote-errors"
import { loadQuote, loadQuoteVersion } from "../utils/load-quote"
import { checkTermsWithinContract } from "../utils/quote-terms"

export type PrepareQuoteAcceptanceInput = {
  quote_id: string
  /** The version the buyer read and accepts: it must be the one sent last. */
  version: number
  /** Where to ship, when the quote does not say (it started from SKUs). */
  shipping_address?: Record<string, unknown> | null
}

/** Cart metadata an order from a quote carries: company, contract and the quote's terms, as a store checkout's does. */
export type QuoteCartMetadata = {
  company_id: string
  contract_id: string
  payment_terms: string
  po_number?: string
  quote_id: string
  quote_version: number
}

/** Why the buyer cannot accept `version` of the quote as it stands (409), or null. */
function refusal(quote: QuoteRow, version: number, now: number): MedusaError | null {
  if (quote.status === "pending_approval" || quote.status === "accepted")
    return quoteConflict(
      "quote_already_accepted",
      `quote ${quote.id} was already accepted (version ${quote.accepted_version})`
    )
  if (quote.status !== "quoted" || !quote.sent_version)
    return quoteConflict("quote_not_open", `quote ${quote.id} is ${quote.status}: there is no sent version to accept`)
  if (version !== quote.sent_version)
    return quoteConflict(
      "quote_version_superseded",
      `version ${version} of quote ${quote.id} is not the one on offer: the latest sent is version ${quote.sent_version}`
    )
  if (quote.expires_at && new Date(quote.expires_at).getTime() <= now)
    return quoteConflict(
      "quote_expired",
      `version ${version} of quote ${quote.id} expired at ${new Date(quote.expires_at).toISOString()}`
    )
  return null
}

/**
 * Everything acceptance will write, read and checked first: the quote is
 * `quoted`, `version` is the one sent last (409 naming the latest
 * otherwise) and has not expired; the buyer's contract still allows its
 * terms. Returns the cart to create (each line at the quoted unit price,
 * Medusa's custom-price lines), the shipping to add at the quoted amount
 * and the discount as a single-use promotion. Reads only.
 */
export const prepareQuoteAcceptanceStep = createStep(
  "prepare-quote-acceptance",
  async (input: PrepareQuoteAcceptanceInput, { container }) => {
    const now = Date.now()
    const quote = await loadQuote(container, input.quote_id)
    const refused = refusal(quote, input.version, now)
    if (refused) throw refused
    const version: QuoteVersionRow = await loadQuoteVersion(container, quote.id, input.version)
    const currency = quote.currency_code
    const buyer = await resolveBuyerContext(container, quote.customer_id, currency)
    if (!buyer?.contract) {
      throw new MedusaError(
        MedusaError.Types.NOT_ALLOWED,
        `net_terms_not_available: the company has no active ${currency.toUpperCase()} contract to place the quote on`,
        "net_terms_not_available"
      )
    }
    checkTermsWithinContract(version.payment_terms, buyer.contract.payment_terms as string, "version")

    const query = container.resolve(ContainerRegistrationKeys.QUERY)
    const { data: customers } = await query.graph({
      entity: "customer",
      fields: ["id", "email"],
      filters: { id: quote.customer_id },
    })
    const email = (customers[0] as { email?: string } | undefined)?.email
    const shipping_address =
      input.shipping_address ??
      (quote as { shipping_address?: Record<string, unknown> | null }).shipping_address ??
      null
    if (version.shipping && !shipping_address) {
      throw invalidQuoteField("shipping_address", "the quote has no address to ship to; give one")
    }

    const metadata: QuoteCartMetadata = {
      company_id: buyer.company.id,
      contract_id: buyer.contract.id,
      payment_terms: version.payment_terms,
      ...(quote.po_number ? { po_number: quote.po_number } : {}),
      quote_id: quote.id,
      quote_version: version.number,
    }
    const discount = BigInt(String(version.discount_minor ?? 0))
    const promotion =
      discount > 0n
        ? {
            // Random: the code is never shown, and a single-use budget keeps it to this one order.
            code: `QUOTE-${quote.id.slice(-6).toUpperCase()}-V${version.number}-${randomBytes(6).toString("hex").toUpperCase()}`,
            value: Number(toMajorString(discount, currency)),
          }
        : null
    return new StepResponse({
      quote,
      version,
      cart: {
        region_id: quote.region_id,
        customer_id: quote.customer_id,
        email,
        currency_code: currency,
        ...(((quote as { sales_channel_id?: string | null }).sales_channel_id ?? null)
          ? { sales_channel_id: (quote as { sales_channel_id?: string }).sales_channel_id }
          : {}),
        ...(shipping_address ? { shipping_address, billing_address: shipping_address } : {}),
        items: version.lines.map((line) => ({
          variant_id: line.variant_id,
          quantity: line.quantity,
          // Medusa takes major units as a number; read from the exact decimal string, it stores exactly this decimal.
          unit_price: Number(toMajorString(BigInt(line.unit_price_minor), currency)),
          metadata: { quote_id: quote.id, quote_version: version.number },
        })),
        metadata,
        promo_codes: promotion ? [promotion.code] : [],
      },
      shipping: version.shipping
        ? {
            shipping_option_id: version.shipping.shipping_option_id,
            name: version.shipping.name,
            amount: Number(toMajorString(BigInt(version.shipping.amount_minor), currency)),
          }
        : null,
      promotion,
    })
  }
)
