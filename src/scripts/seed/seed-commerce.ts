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

/** A region of the store's currency: its countries, their tax rate, and whether its prices include tax (Medusa's price preference). */
export type RegionSpec = { countries: string[]; taxRate?: number; taxInclusive?: boolean }

export type SeededCommerce = {
  /** The first region (`countries`). */
  region_id: string
  /** Every region seeded, the first one first (`moreRegions` after it). */
  regions: { id: string; countries: string[]; tax_inclusive: boolean }[]
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

export type SeedCommerceOptions = {
  currency?: string
  /** The first region's countries (default `us`), tax rate (default 8.25 %) and price preference (tax-exclusive unless `taxInclusive`). */
  countries?: string[]
  taxRate?: number
  taxInclusive?: boolean
  /** Further regions in the same currency, served by the same warehouse, shipping option and products (e.g. a tax-inclusive market beside a tax-exclusive one). */
  moreRegions?: RegionSpec[]
  products?: DemoProductSpec[]
  shippingPrice?: number
}

/**
 * The Medusa side of a B2B merchant: store currency, a sales channel with a
 * publishable key, regions where the net-terms provider is enabled, their tax
 * regions, a warehouse with a flat-rate shipping option, and products with
 * stock. Used by the demo and by the HTTP tests (one source of truth).
 */
export async function seedCommerce(
  container: MedusaContainer,
  options: SeedCommerceOptions = {}
): Promise<SeededCommerce> {
  const currency = options.currency ?? "usd"
  const regionSpecs: RegionSpec[] = [
    { countries: options.countries ?? ["us"], taxRate: options.taxRate, taxInclusive: options.taxInclusive },
    ...(options.moreRegions ?? []),
  ]
  const countries = regionSpecs[0].countries
  const allCountries = regionSpecs.flatMap((r) => r.countries)
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
        // The name the dashboard shows in its corner.
        name: "Backy demo merchant",
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
      regions: regionSpecs.map((spec, i) => ({
        name:
          i === 0
            ? `B2B ${currency.toUpperCase()}`
            : `B2B ${currency.toUpperCase()} ${spec.countries.join("/").toUpperCase()}`,
        currency_code: currency,
        countries: spec.countries,
        payment_providers: [NET_TERMS_PROVIDER_ID],
        // Medusa records it as the region's price preference: its prices (and its lines) include tax.
        is_tax_inclusive: spec.taxInclusive,
      })),
    },
  })
  const region = regions[0]
  await createTaxRegionsWorkflow(container).run({
    input: regionSpecs.flatMap((spec) =>
      spec.countries.map((country_code) => ({
        country_code,
        provider_id: "tp_system",
        default_tax_rate: { rate: spec.taxRate ?? 8.25, code: "STD", name: "Standard rate" },
      }))
    ),
  })

  const { result: locations } = await createStockLocationsWorkflow(container).run({
    input: {
      locations: [
        { name: "Main warehouse", address: { address_1: "1 Dock Road", city: "Newark", country_code: countries[0] } },
      ],
    },
  })
  const location = locations[0]
  await link.create({
    [Modules.STOCK_LOCATION]: { stock_location_id: location.id },
    [Modules.FULFILLMENT]: { fulfillment_provider_id: "manual_manual" },
  })

  const { result: profiles } = await createShippingProfilesWorkflow(container).run({
    input: { data: [{ name: `B2B freight ${currency}`, type: "default" }] },
  })
  const profile = profiles[0]
  const fulfillmentSet = await fulfillmentModule.createFulfillmentSets({
    name: `Main warehouse shipping ${currency}`,
    type: "shipping",
    service_zones: [
      { name: "Domestic", geo_zones: allCountries.map((country_code) => ({ country_code, type: "country" as const })) },
    ],
  })
  await link.create({
    [Modules.STOCK_LOCATION]: { stock_location_id: location.id },
    [Modules.FULFILLMENT]: { fulfillment_set_id: fulfillmentSet.id },
  })
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
        prices: [
          { currency_code: currency, amount: options.shippingPrice ?? 25 },
          ...regions.map((r) => ({ region_id: r.id, amount: options.shippingPrice ?? 25 })),
        ],
        rules: [
          { attribute: "enabled_in_store", value: "true", operator: "eq" },
          { attribute: "is_return", value: "false", operator: "eq" },
        ],
      },
    ],
  })

  // Medusa applies a region's price preference to the prices with that region's rule only (the
  // currency's preference governs the rest): a tax-inclusive region gets its own price.
  const inclusivePrices = (amount: number) =>
    regions
      .filter((_r, i) => regionSpecs[i].taxInclusive)
      .map((r) => ({ amount, currency_code: currency, rules: { region_id: r.id } }))
  const { result: created } = await createProductsWorkflow(container).run({
    input: {
      products: products.map((p) => ({
        title: p.title,
        handle: p.handle,
        status: ProductStatus.PUBLISHED,
        shipping_profile_id: profile.id,
        options: [{ title: "Pack", values: ["Standard"] }],
        variants: [
          {
            title: "Standard",
            sku: p.sku,
            options: { Pack: "Standard" },
            manage_inventory: true,
            prices: [{ amount: p.price, currency_code: currency }, ...inclusivePrices(p.price)],
          },
        ],
        sales_channels: [{ id: salesChannel.id }],
      })),
    },
  })

  const query = container.resolve(ContainerRegistrationKeys.QUERY)
  const { data: items } = await query.graph({
    entity: "inventory_item",
    fields: ["id", "sku"],
    filters: { sku: products.map((p) => p.sku) },
  })
  await createInventoryLevelsWorkflow(container).run({
    input: {
      inventory_levels: (items as { id: string }[]).map((i) => ({
        location_id: location.id,
        stocked_quantity: 1_000_000,
        inventory_item_id: i.id,
      })),
    },
  })

  return {
    region_id: region.id,
    regions: regions.map((r, i) => ({
      id: r.id,
      countries: regionSpecs[i].countries,
      tax_inclusive: !!regionSpecs[i].taxInclusive,
    })),
    sales_channel_id: salesChannel.id,
    publishable_key: keys[0].token,
    stock_location_id: location.id,
    shipping_option_id: options_[0].id,
    variants: created.map((p) => {
      const spec = products.find((s) => s.handle === p.handle)!
      return { id: p.variants[0].id, sku: spec.sku, product_id: p.id, price: spec.price }
    }),
  }
}
