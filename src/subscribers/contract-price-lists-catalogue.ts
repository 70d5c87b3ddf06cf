import type { SubscriberArgs, SubscriberConfig } from "@medusajs/framework"
import { ProductVariantWorkflowEvents, ProductWorkflowEvents } from "@medusajs/framework/utils"
import { syncContractPriceListsWorkflow } from "../workflows/b2b/sync-contract-price-lists"

/**
 * Keeps contract price lists in step with Medusa's catalogue: a discount's
 * contract price follows Medusa's base price, and a new or re-categorised
 * product may fall in a discount's scope (or a new variant match a SKU rule),
 * so the contracts with a rule that can price the product or variant are
 * re-synced.
 *
 * Medusa 2.21 emits these from its product workflows, price changes included:
 * `product-variant.updated` (updateProductVariantsWorkflow, also run by the
 * variant batch route), `product.updated` (updateProductsWorkflow, which
 * upserts variant prices and sets categories and the collection),
 * `product.created` / `product-variant.created`.
 *
 * No event fires for these, which the reconcile job (jobs/contract-price-
 * lists-reconcile.ts) catches up on instead: products linked to a category or
 * collection from the category's / collection's side
 * (batchLinkProductsToCategoryWorkflow, batchLinkProductsToCollectionWorkflow),
 * prices written through the pricing module or Medusa's price-list workflows
 * (the pricing module emits no events), price preferences (tax inclusivity).
 * Deleted variants and products take their price sets, and with them the
 * lists' prices for them, along.
 */
export default async function contractPriceListsCatalogueHandler({ event, container }: SubscriberArgs<{ id: string }>) {
  const id = event.data?.id
  if (!id) return
  const isVariant = event.name.startsWith("product-variant.")
  await syncContractPriceListsWorkflow(container).run({
    input: isVariant ? { variant_ids: [id] } : { product_ids: [id] },
  })
}

export const config: SubscriberConfig = {
  event: [
    ProductWorkflowEvents.CREATED,
    ProductWorkflowEvents.UPDATED,
    ProductVariantWorkflowEvents.CREATED,
    ProductVariantWorkflowEvents.UPDATED,
  ],
}
