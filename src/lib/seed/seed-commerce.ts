import type { MedusaContainer } from "@medusajs/framework/types"
import { ContainerRegistrationKeys, Modules, ProductStatus } from "@medusajs/framework/utils"
import {
  createApiKeysWorkflow,
  createProductsWorkflow,
  createRegionsWorkflow,
  createSalesChannelsWorkflow,
  createShippingOptionsWorkflow,
  createShippingProfilesWorkflow,
  createStockLocationsWorkflow,
  createTaxRegionsWorkflow,
  createInventoryLevelsWorkflow,
  linkSalesChannelsToApiKeyWorkflow,
  linkSalesChannelsToStockLocationWorkflow,
  updateStoresWorkflow,
} from "@medusajs/medusa/core-flows"
import { NET_TERMS_PROVIDER_ID } from "../../modules/providers/net-terms/constants"

export type DemoProductSpec = { title: string; handle: string; sku: string; price: number }

export type SeededCommerce = {
  region_id: string
  sales_channel_id: string
  publishable_key: string
  stock_location_id: string
  shipping_option_id: string
  variants: { id: string; sku: string; product_id: string; price: number }[]
}

export const DEMO_PRODUCTS: DemoProductSpec[] = [
  { title: "Industrial Fastener Kit", handle: "fastener-kit", sku: "FAST-KIT-100", price: 12.5 },
  { title: "Safety Gloves (pair)", handle: "safety-gloves", sku: "GLOVE-L", price: 4.2 },
  { title: "Pallet Wrap Roll", handle: "pallet-wrap", sku: "WRAP-500", price: 31 },
]

/**
 * The Medusa side of a B2B merchant: store currency, a sales channel with a
 * publishable key, a region where the net-terms provider is enabled, a tax
 * region, a warehouse with a flat-rate shipping option, and products with
 * stock. Used by the demo and by the HTTP tests (one source of truth).
 */
export async function seedCommerce(
  container: MedusaContainer,
  options: { currency?: string; countries?: string[]; products?: DemoProductSpec[]; taxRate?: number; shippingPrice?: number } = {}
): Promise<SeededCommerce> {
  const currency = options.currency ?? "usd"
  const countries = options.countries ?? ["us"]
  const products = options.products ?? DEMO_PRODUCTS
  const link = container.resolve(ContainerRegistrationKeys.LINK)
  const storeModule = container.resolve(Modules.STORE)
  const fulfillmentModule = container.resolve(Modules.FULFILLMENT)

  const { result: channels } = await createSalesChannelsWorkflow(container).run({
    input: { salesChannelsData: [{ name: "B2B Web" }] },
  })
  const salesChannel = channels[0]

  const [store] = await storeModule.listStores()
  await updateStoresWorkflow(container).run({
    input: {
      selector: { id: store.id },
      update: {
        supported_currencies: [{ currency_code: currency, is_default: true }],
        default_sales_channel_id: salesChannel.id,
      },
    },
  })

  const { result: keys } = await createApiKeysWorkflow(container).run({
    input: { api_keys: [{ title: "B2B storefront", type: "publishable", created_by: "" }] },
  })
  await linkSalesChannelsToApiKeyWorkflow(container).run({ input: { id: keys[0].id, add: [salesChannel.id] } })

  const { result: regions } = await createRegionsWorkflow(container).run({
    input: {
      regions: [
        {
          name: `B2B ${currency.toUpperCase()}`,
          currency_code: currency,
          countries,
          payment_providers: [NET_TERMS_PROVIDER_ID],
        },
      ],
    },
  })
  const region = regions[0]
  await createTaxRegionsWorkflow(container).run({
    input: countries.map((country_code) => ({
      country_code,
      provider_id: "tp_system",
      default_tax_rate: { rate: options.taxRate ?? 8.25, code: "STD", name: "Standard rate" },
    })),
  })

  const { result: locations } = await createStockLocationsWorkflow(container).run({
    input: { locations: [{ name: "Main warehouse", address: { address_1: "1 Dock Road", city: "Newark", country_code: countries[0] } }] },
  })
  const location = locations[0]
  await link.create({ [Modules.STOCK_LOCATION]: { stock_location_id: location.id }, [Modules.FULFILLMENT]: { fulfillment_provider_id: "manual_manual" } })

  const { result: profiles } = await createShippingProfilesWorkflow(container).run({
    input: { data: [{ name: `B2B freight ${currency}`, type: "default" }] },
  })
  const profile = profiles[0]
  const fulfillmentSet = await fulfillmentModule.createFulfillmentSets({
    name: `Main warehouse shipping ${currency}`,
    type: "shipping",
    service_zones: [{ name: "Domestic", geo_zones: countries.map((country_code) => ({ country_code, type: "country" as const })) }],
  })
  await link.create({ [Modules.STOCK_LOCATION]: { stock_location_id: location.id }, [Modules.FULFILLMENT]: { fulfillment_set_id: fulfillmentSet.id } })
  await linkSalesChannelsToStockLocationWorkflow(container).run({ input: { id: location.id, add: [salesChannel.id] } })

  const { result: options_ } = await createShippingOptionsWorkflow(container).run({
    input: [
      {
        name: "Standard freight",
        price_type: "flat",
        provider_id: "manual_manual",
        service_zone_id: fulfillmentSet.service_zones[0].id,
        shipping_profile_id: profile.id,
        type: { label: "Standard", description: "3-5 business days", code: "standard" },
        prices: [{ currency_code: currency, amount: options.shippingPrice ?? 25 }, { region_id: region.id, amount: options.shippingPrice ?? 25 }],
        rules: [
          { attribute: "enabled_in_store", value: "true", operator: "eq" },
          { attribute: "is_return", value: "false", operator: "eq" },
        ],
      },
    ],
  })

  const { result: created } = await createProductsWorkflow(container).run({
    input: {
      products: products.map((p) => ({
        title: p.title,
        handle: p.handle,
        status: ProductStatus.PUBLISHED,
        shipping_profile_id: profile.id,
        options: [{ title: "Pack", values: ["Standard"] }],
        variants: [{ title: "Standard", sku: p.sku, options: { Pack: "Standard" }, manage_inventory: true, prices: [{ amount: p.price, currency_code: currency }] }],
        sales_channels: [{ id: salesChannel.id }],
      })),
    },
  })

  const query = container.resolve(ContainerRegistrationKeys.QUERY)
  const { data: items } = await query.graph({ entity: "inventory_item", fields: ["id", "sku"], filters: { sku: products.map((p) => p.sku) } })
  await createInventoryLevelsWorkflow(container).run({
    input: { inventory_levels: items.map((i: any) => ({ location_id: location.id, stocked_quantity: 1_000_000, inventory_item_id: i.id })) },
  })

  return {
    region_id: region.id,
    sales_channel_id: salesChannel.id,
    publishable_key: keys[0].token,
    stock_location_id: location.id,
    shipping_option_id: options_[0].id,
    variants: created.map((p: any) => {
      const spec = products.find((s) => s.handle === p.handle)!
      return { id: p.variants[0].id, sku: spec.sku, product_id: p.id, price: spec.price }
    }),
  }
}
