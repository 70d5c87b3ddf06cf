// Fills a staff-created draft order with contract prices and B2B order metadata (POST /admin/draft-orders, steps/draft-net-terms.ts).
import type { MedusaContainer } from "@medusajs/framework/types"
import { MedusaError, Modules } from "@medusajs/framework/utils"
import type { BuyerContext } from "./contract-for-customer"
import { withoutContractMetadata } from "../../../modules/b2b/lib/contract-line-metadata"
import { contractLinePrices } from "./contract-line-prices"
import type { EditItemInput } from "./price-edit-items"

/** The part of `POST /admin/draft-orders`' body the hub reads and fills. */
export type DraftOrderBody = {
  customer_id?: string | null
  region_id: string
  currency_code?: string | null
  items?: EditItemInput[]
  metadata?: Record<string, unknown> | null
  [key: string]: unknown
}

/**
 * The order metadata a B2B order carries (company, contract, terms), the
 * same keys and values a store cart gives its order (apply-contract-prices):
 * invoicing reads them to bill on the contract's terms, the ERP document to
 * name the company.
 */
export function b2bOrderMetadata(buyer: BuyerContext): {
  company_id: string
  contract_id: string | null
  payment_terms: string | null
} {
  return {
    company_id: buyer.company.id,
    contract_id: buyer.contract?.id ?? null,
    payment_terms: buyer.contract?.payment_terms ?? null,
  }
}

/**
 * A draft order staff create for a company's employee, made what the
 * employee's own cart would be: lines priced by the contract (unless staff
 * priced them) with the contract line metadata, and the company, contract
 * and terms in the order metadata. A customer who is no company's employee
 * gets Medusa's draft order unchanged.
 */
export async function b2bDraftOrderBody<T extends DraftOrderBody>(container: MedusaContainer, body: T): Promise<T> {
  if (!body.customer_id) return body
  const currency = body.currency_code ?? (await regionCurrency(container, body.region_id))
  const items = body.items ?? []
  const toPrice = items.flatMap((item, index) =>
    item.variant_id && (item.unit_price === undefined || item.unit_price === null)
      ? [{ index, variant_id: item.variant_id, quantity: item.quantity, field: `items[${index}]` }]
      : []
  )
  const { buyer, lines } = await contractLinePrices(
    container,
    { customer_id: body.customer_id, currency_code: currency, region_id: body.region_id },
    toPrice
  )
  if (!buyer) return body

  const priced = [...items]
  toPrice.forEach(({ index }, i) => {
    const line = lines[i]
    if (line)
      priced[index] = {
        ...items[index],
        unit_price: line.unit_price,
        metadata: { ...withoutContractMetadata(items[index].metadata), ...line.metadata },
      }
  })
  return {
    ...body,
    ...(body.items ? { items: priced } : {}),
    metadata: { ...(body.metadata ?? {}), ...b2bOrderMetadata(buyer) },
  }
}

async function regionCurrency(container: MedusaContainer, regionId: string): Promise<string> {
  const [region] = await container
    .resolve(Modules.REGION)
    .listRegions({ id: regionId }, { select: ["id", "currency_code"] })
  if (!region) throw new MedusaError(MedusaError.Types.INVALID_DATA, `region_id: region ${regionId} does not exist`)
  return region.currency_code
}
