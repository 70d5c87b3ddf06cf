import { createStep, StepResponse } from "@medusajs/framework/workflows-sdk"
import { ContainerRegistrationKeys, MedusaError } from "@medusajs/framework/utils"
import { toMinor } from "../../../lib/money"
import { majorString } from "../../../modules/b2b/lib/net-terms-order"
import { quoteTotals, withSubtotal } from "../../../modules/quote/lib/quote-totals"
import type { QuoteShipping } from "../../../modules/quote/models/quote-version"
import { resolveBuyerContext } from "../../b2b/utils/contract-for-customer"
import { priceQuoteLines, variantIdsForSkus, type QuoteItemToPrice } from "../utils/price-quote-lines"
import { invalidQuoteField } from "../utils/quote-errors"

export type QuoteRequestItem = { variant_id?: string; sku?: string; quantity: number }

export type PrepareQuoteRequestInput = {
  customer_id: string
  /** Start from this cart of the buyer's (its lines, region, address and shipping)… */
  cart_id?: string
  /** …or from variants / SKUs and quantities in `region_id`. */
  items?: QuoteRequestItem[]
  region_id?: string
  po_number?: string | null
  message?: string | null
}

type SourceCart = {
  id: string
  customer_id: string | null
  completed_at: string | null
  region_id: string
  currency_code: string
  sales_channel_id: string | null
  email: string | null
  shipping_address: Record<string, unknown> | null
  metadata: Record<string, unknown> | null
  items: { variant_id: string | null; quantity: number }[]
  shipping_methods: { shipping_option_id: string | null; name: string; amount: unknown }[]
}

const CART_FIELDS = [
  "id",
  "customer_id",
  "completed_at",
  "region_id",
  "currency_code",
  "sales_channel_id",
  "email",
  "shipping_address.*",
  "metadata",
  "items.variant_id",
  "items.quantity",
  "shipping_methods.shipping_option_id",
  "shipping_methods.name",
  "shipping_methods.amount",
]

/** One line per variant, quantities added (a quote compares versions line by line, by variant). */
function mergeByVariant(items: QuoteItemToPrice[]): QuoteItemToPrice[] {
  const merged = new Map<string, QuoteItemToPrice>()
  for (const item of items) {
    const seen = merged.get(item.variant_id)
    if (seen) seen.quantity += item.quantity
    else merged.set(item.variant_id, { ...item })
  }
  return [...merged.values()]
}

/** Strips what Medusa returns beside an address's fields (ids, timestamps). */
function addressFields(address: Record<string, unknown> | null): Record<string, unknown> | null {
  if (!address) return null
  const { id: _id, created_at: _c, updated_at: _u, deleted_at: _d, ...rest } = address
  return rest
}

/**
 * Reads what a buyer asks a quote for and prices it as version 1: the
 * contract's prices with their explanations, the contract's payment terms,
 * the cart's shipping method at its price. Quotes are placed on net terms,
 * so the buyer's company needs an active contract in the currency (400
 * otherwise). Reads only.
 */
export const prepareQuoteRequestStep = createStep(
  "prepare-quote-request",
  async (input: PrepareQuoteRequestInput, { container }) => {
    const query = container.resolve(ContainerRegistrationKeys.QUERY)
    let cart: SourceCart | null = null
    let regionId = input.region_id
    if (input.cart_id) {
      const { data } = await query.graph({ entity: "cart", fields: CART_FIELDS, filters: { id: input.cart_id } })
      cart = (data[0] as SourceCart | undefined) ?? null
      if (!cart || cart.customer_id !== input.customer_id) {
        throw new MedusaError(MedusaError.Types.NOT_FOUND, `cart_id: no cart ${input.cart_id} of yours`)
      }
      if (cart.completed_at) throw invalidQuoteField("cart_id", `cart ${cart.id} is already an order`)
      regionId = cart.region_id
    }
    if (!regionId) throw invalidQuoteField("region_id", "required when the quote does not start from a cart")
    const { data: regions } = await query.graph({
      entity: "region",
      fields: ["id", "currency_code"],
      filters: { id: regionId },
    })
    const region = regions[0] as { id: string; currency_code: string } | undefined
    if (!region) throw invalidQuoteField("region_id", `no region ${regionId}`)
    const currency = region.currency_code.toLowerCase()

    const buyer = await resolveBuyerContext(container, input.customer_id, currency)
    if (!buyer) throw new MedusaError(MedusaError.Types.NOT_ALLOWED, "quotes are for company employees")
    if (!buyer.contract) {
      throw new MedusaError(
        MedusaError.Types.NOT_ALLOWED,
        `net_terms_not_available: quotes are placed on net terms and ${buyer.company.name} has no active ${currency.toUpperCase()} contract`,
        "net_terms_not_available"
      )
    }

    let toPrice: QuoteItemToPrice[]
    if (cart) {
      toPrice = cart.items
        .filter((i) => i.variant_id)
        .map((i, index) => ({ variant_id: i.variant_id!, quantity: i.quantity, field: `cart.items[${index}]` }))
      if (!toPrice.length) throw invalidQuoteField("cart_id", `cart ${cart.id} has no lines to quote`)
    } else {
      const items = input.items ?? []
      if (!items.length) throw invalidQuoteField("items", "give cart_id or at least one item")
      const bySku = items.flatMap((item, index) => (item.sku ? [{ sku: item.sku, field: `items[${index}]` }] : []))
      const skuIds = await variantIdsForSkus(container, bySku)
      let next = 0
      toPrice = items.map((item, index) => ({
        variant_id: item.variant_id ?? skuIds[next++],
        quantity: item.quantity,
        field: `items[${index}]`,
      }))
    }
    const lines = (
      await priceQuoteLines(
        container,
        { customer_id: input.customer_id, currency_code: currency, region_id: region.id },
        mergeByVariant(toPrice)
      )
    ).map(withSubtotal)

    const method = cart?.shipping_methods?.find((m) => m?.shipping_option_id)
    const shipping: QuoteShipping | null = method
      ? {
          shipping_option_id: method.shipping_option_id!,
          name: method.name,
          amount_minor: toMinor(majorString(method.amount), currency, { round: true }).toString(),
        }
      : null
    const totals = quoteTotals(lines, 0n, BigInt(shipping?.amount_minor ?? 0))
    const po = input.po_number ?? (typeof cart?.metadata?.po_number === "string" ? cart.metadata.po_number : null)

    return new StepResponse({
      quote: {
        company_id: buyer.company.id,
        customer_id: input.customer_id,
        employee_id: buyer.employee.id,
        currency_code: currency,
        region_id: region.id,
        sales_channel_id: cart?.sales_channel_id ?? null,
        source_cart_id: cart?.id ?? null,
        shipping_address: addressFields(cart?.shipping_address ?? null),
        po_number: po?.trim() || null,
        status: "requested" as const,
        latest_version: 1,
      },
      version: {
        number: 1,
        lines,
        subtotal_minor: totals.subtotal_minor.toString(),
        discount_minor: "0",
        shipping,
        shipping_minor: totals.shipping_minor.toString(),
        total_minor: totals.total_minor.toString(),
        payment_terms: buyer.contract.payment_terms as string,
        expires_at: null,
        author_type: "employee" as const,
        author_id: buyer.employee.id,
        comment: input.message ?? null,
        diff: null,
      },
      message: input.message?.trim() || null,
      author_id: buyer.employee.id,
    })
  }
)
