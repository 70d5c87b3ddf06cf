// Prices a quote's lines by the buyer's contract, with the explanation the cart would show.
import type { MedusaContainer } from "@medusajs/framework/types"
import { ContainerRegistrationKeys } from "@medusajs/framework/utils"
import { contractLinePrices } from "../../b2b/utils/contract-line-prices"
import { loadVariantPricingFacts } from "../../b2b/utils/variant-pricing-facts"
import type { QuoteLineInput } from "../../../modules/quote/lib/quote-totals"
import { invalidQuoteField } from "./quote-errors"

/** One line to price; `field` names it in a 400 (`items[2]`). */
export type QuoteItemToPrice = { variant_id: string; quantity: number; field: string }

export type QuotePricingContext = { customer_id: string; currency_code: string; region_id: string }

type VariantLabel = { id: string; sku: string | null; title: string | null; product?: { title: string | null } | null }

/**
 * Each line at what the buyer's cart would pay today: the contract's price
 * (and its explanation) where a rule prices it, else Medusa's price for the
 * buyer. This is the reference every later version is read against. A
 * variant that does not exist, or has no price in the currency, is a 400
 * naming the line; so is a quantity a contract rule refuses (MOQ, step).
 */
export async function priceQuoteLines(
  container: MedusaContainer,
  context: QuotePricingContext,
  items: readonly QuoteItemToPrice[]
): Promise<QuoteLineInput[]> {
  const query = container.resolve(ContainerRegistrationKeys.QUERY)
  const ids = [...new Set(items.map((i) => i.variant_id))]
  const { data } = await query.graph({
    entity: "variant",
    fields: ["id", "sku", "title", "product.title"],
    filters: { id: ids },
  })
  const labels = new Map((data as VariantLabel[]).map((v) => [v.id, v]))
  for (const item of items) {
    if (!labels.has(item.variant_id)) {
      throw invalidQuoteField(`${item.field}.variant_id`, `no product variant ${item.variant_id}`)
    }
  }
  const contract = await contractLinePrices(container, context, items)
  const facts = await loadVariantPricingFacts(container, ids, context)
  return items.map((item, index) => {
    const label = labels.get(item.variant_id)!
    const priced = contract.lines[index]
    const base = facts.get(item.variant_id)?.base_unit_price_minor ?? null
    const unit = priced?.unit_price_minor ?? base
    if (unit === null) {
      throw invalidQuoteField(
        `${item.field}.variant_id`,
        `${item.variant_id} has no ${context.currency_code.toUpperCase()} price`
      )
    }
    const title = [label.product?.title, label.title].filter(Boolean).join(" — ") || item.variant_id
    return {
      variant_id: item.variant_id,
      sku: label.sku ?? null,
      title,
      quantity: item.quantity,
      contract_unit_price_minor: unit.toString(),
      unit_price_minor: unit.toString(),
      explanation: priced?.metadata.price_explanation ?? null,
    }
  })
}

/** Variant ids for SKUs (a 400 names the line whose SKU is unknown). */
export async function variantIdsForSkus(
  container: MedusaContainer,
  items: readonly { sku: string; field: string }[]
): Promise<string[]> {
  if (!items.length) return []
  const query = container.resolve(ContainerRegistrationKeys.QUERY)
  const { data } = await query.graph({
    entity: "variant",
    fields: ["id", "sku"],
    filters: { sku: items.map((i) => i.sku) },
  })
  const bySku = new Map((data as { id: string; sku: string }[]).map((v) => [v.sku, v.id]))
  return items.map((item) => {
    const id = bySku.get(item.sku)
    if (!id) throw invalidQuoteField(`${item.field}.sku`, `no product variant with SKU ${item.sku}`)
    return id
  })
}
