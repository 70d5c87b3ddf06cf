// Re-prices a cart by the buyer's contract; run by the cart hooks (workflows/hooks/contract-prices-on-cart-*.ts).
import type { MedusaContainer, UpdateLineItemWithoutSelectorDTO } from "@medusajs/framework/types"
import { ContainerRegistrationKeys, MedusaError, Modules } from "@medusajs/framework/utils"
import { priceLine } from "../../../modules/b2b/pricing"
import { PricingError } from "../../../modules/b2b/pricing/errors"
import { toMajorString, toMinor } from "../../../lib/money"
import { resolveBuyerContext } from "./contract-for-customer"
import { compileContractRules, toCartLine } from "../../../modules/b2b/lib/contract-pricing"
import { loadVariantPricingFacts } from "./variant-pricing-facts"
import { CONTRACT_META_KEYS, withoutContractMetadata } from "../../../modules/b2b/lib/contract-line-metadata"
import { mergeVariantLines } from "../../../modules/b2b/lib/merge-variant-lines"
import { sameJson } from "../../../lib/json/same-json"

type CartForPricing = {
  id: string
  currency_code: string
  region_id: string | null
  customer_id: string | null
  metadata: Record<string, unknown> | null
  items: {
    id: string
    variant_id: string | null
    quantity: number
    unit_price: unknown
    is_custom_price: boolean
    created_at: string | null
    metadata: Record<string, unknown> | null
  }[]
}

/**
 * Re-prices every line of a cart by the buyer's contract. Runs inside
 * Medusa's cart workflows (see workflows/hooks), so the standard store routes
 * always return contract prices. Lines no contract rule prices — or every line
 * when the buyer has no active contract — carry Medusa's own price.
 * A broken quantity rule (MOQ, increment) throws a 400 naming the variant.
 */
export async function applyContractPricesToCart(container: MedusaContainer, cartId: string): Promise<void> {
  const query = container.resolve(ContainerRegistrationKeys.QUERY)
  const cartModule = container.resolve(Modules.CART)

  const { data: carts } = await query.graph({
    entity: "cart",
    fields: [
      "id",
      "currency_code",
      "region_id",
      "customer_id",
      "metadata",
      "items.id",
      "items.variant_id",
      "items.quantity",
      "items.unit_price",
      "items.is_custom_price",
      "items.created_at",
      "items.metadata",
    ],
    filters: { id: cartId },
  })
  const cart = carts[0] as unknown as CartForPricing | undefined
  if (!cart) return
  // A cart built from an accepted quote carries the negotiated prices and
  // terms (acceptQuoteWorkflow); the contract must not re-price it.
  if (cart.metadata?.quote_id) return
  const currency = cart.currency_code
  const buyer = await resolveBuyerContext(container, cart.customer_id, currency)
  const contract = buyer?.contract ?? null
  let items = (cart.items ?? []).filter((i) => i?.variant_id)
  const hubPriced = items.filter(
    (i) => i.metadata?.contract_rule_id !== undefined || i.metadata?.medusa_unit_price !== undefined
  )
  // Nothing to do for a non-employee's cart the hub never touched. An
  // employee's cart is always tagged with its company, contract or not.
  if (!buyer && hubPriced.length === 0 && !cart.metadata?.company_id) return

  // One line per variant, so tiers count the variant's whole quantity (see
  // merge-variant-lines.ts). Planned here, written only once every line has
  // been priced: a merged quantity a quantity rule refuses must leave the
  // cart as it was (Medusa then rolls back only the line it just added). Not
  // undone if a later step of Medusa's workflow fails: the cart holds the
  // same units of the same variants either way.
  const merge = buyer ? mergeVariantLines(items, CONTRACT_META_KEYS) : { keep: [], remove: [] }
  if (merge.remove.length) {
    const quantities = new Map(merge.keep.map((k) => [k.id, k.quantity]))
    items = items
      .filter((i) => !merge.remove.includes(i.id))
      .map((i) => ({ ...i, quantity: quantities.get(i.id) ?? i.quantity }))
  }

  // Medusa's own price for each variant: the base a discount applies to, and
  // what a line falls back to when no rule (or no contract) prices it.
  const facts = await loadVariantPricingFacts(
    container,
    items.map((i) => i.variant_id!),
    { currency_code: currency, region_id: cart.region_id, customer_id: cart.customer_id }
  )
  const compiled = contract ? compileContractRules(contract) : null
  const updates: UpdateLineItemWithoutSelectorDTO[] = []
  for (const item of items) {
    const variant = facts.get(item.variant_id!)
    const base = variant?.base_unit_price_minor ?? null
    let unitMinor: bigint | null = base
    let meta = withoutContractMetadata(item.metadata)
    let custom = false
    if (compiled && contract && variant) {
      try {
        const priced = priceLine(compiled, toCartLine(variant, Number(item.quantity)), currency)
        unitMinor = priced.unit_price_minor
        if (priced.rule) {
          custom = true
          meta = {
            ...meta,
            contract_id: contract.id,
            contract_rule_id: priced.rule.id,
            contract_rule_type: priced.rule.type,
            price_explanation: priced.explanation,
            ...(base !== null ? { medusa_unit_price: toMajorString(base, currency) } : {}),
          }
        }
      } catch (e) {
        if (e instanceof PricingError) throw new MedusaError(MedusaError.Types.INVALID_DATA, e.message)
        throw e
      }
    }
    if (unitMinor === null) continue
    const unitMajor = toMajorString(unitMinor, currency)
    const currentMinor = toMinor(String(item.unit_price), currency, { round: true })
    // Only lines whose price or explanation really changed are written (jsonb reorders keys).
    const metaChanged = !sameJson(meta, item.metadata ?? {})
    if (currentMinor !== unitMinor || metaChanged || item.is_custom_price !== custom) {
      updates.push({ id: item.id, unit_price: unitMajor, is_custom_price: custom, metadata: meta })
    }
  }
  if (merge.remove.length) {
    const quantities = new Map(merge.keep.map((k) => [k.id, k.quantity]))
    for (const update of updates) if (quantities.has(update.id)) update.quantity = quantities.get(update.id)
    const unpriced = merge.keep.filter((k) => !updates.some((u) => u.id === k.id))
    updates.push(...unpriced.map((k) => ({ id: k.id, quantity: k.quantity })))
    await cartModule.deleteLineItems(merge.remove)
  }
  if (updates.length) await cartModule.updateLineItems(updates)

  // The order inherits cart metadata: company, contract and terms travel with it.
  const cartMeta = { ...(cart.metadata ?? {}) }
  const wanted = buyer
    ? {
        company_id: buyer.company.id,
        contract_id: contract?.id ?? null,
        payment_terms: contract?.payment_terms ?? null,
      }
    : { company_id: null, contract_id: null, payment_terms: null }
  if (Object.entries(wanted).some(([k, v]) => (cartMeta[k] ?? null) !== v)) {
    await cartModule.updateCarts(cart.id, { metadata: { ...cartMeta, ...wanted } })
  }
}
