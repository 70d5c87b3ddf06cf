// Prices order lines (order edits, draft orders) by the buyer's contract, as the cart hooks price cart lines.
import type { MedusaContainer } from "@medusajs/framework/types"
import { MedusaError } from "@medusajs/framework/utils"
import { toMajorString } from "../../../lib/money"
import { priceLine, PricingError, QuantityRuleError } from "../../../modules/b2b/pricing"
import type { ContractLineMetadata } from "../../../modules/b2b/lib/contract-line-metadata"
import { resolveBuyerContext, type BuyerContext } from "./contract-for-customer"
import { compileContractRules, toCartLine } from "../../../modules/b2b/lib/contract-pricing"
import { loadVariantPricingFacts } from "./variant-pricing-facts"

/** Where an order's lines are priced: its customer, currency and region. */
export type OrderPricingContext = {
  customer_id: string | null | undefined
  currency_code: string
  region_id?: string | null
}

/** One line to price; `field` names it in a 400 (`items[2]` gives `items[2].quantity`; "" gives `quantity`). */
export type LineToPrice = { variant_id: string; quantity: number; field: string }

/**
 * A line's contract price in minor units, the same in Medusa's API shape
 * (`unit_price`, major units), and the metadata the cart would carry. Null
 * when no contract rule prices the line: Medusa's own price stands.
 */
export type ContractLinePrice = { unit_price: number; unit_price_minor: bigint; metadata: ContractLineMetadata } | null

export type ContractLinePrices = {
  /** Null: the customer is no company's employee (nothing to do). */
  buyer: BuyerContext | null
  lines: ContractLinePrice[]
}

/**
 * Prices order lines (added by an edit, or a draft order's) by the buyer's
 * contract exactly as the cart hooks price cart lines: the same engine, the
 * same Medusa base price, the same contract resolution (the one active now,
 * own or inherited), the same line metadata. A quantity rule (MOQ, increment)
 * refuses the line with a 400 naming `<field>.quantity`.
 */
export async function contractLinePrices(
  container: MedusaContainer,
  context: OrderPricingContext,
  lines: readonly LineToPrice[]
): Promise<ContractLinePrices> {
  const currency = context.currency_code.toLowerCase()
  const buyer = await resolveBuyerContext(container, context.customer_id, currency)
  const contract = buyer?.contract
  if (!contract || !lines.length) return { buyer, lines: lines.map(() => null) }

  const compiled = compileContractRules(contract)
  const facts = await loadVariantPricingFacts(
    container,
    lines.map((l) => l.variant_id),
    { currency_code: currency, region_id: context.region_id, customer_id: context.customer_id }
  )
  const problems: string[] = []
  const priced = lines.map((line): ContractLinePrice => {
    const variant = facts.get(line.variant_id)
    // An unknown variant is Medusa's to refuse, with its own message.
    if (!variant) return null
    try {
      const result = priceLine(compiled, toCartLine(variant, line.quantity), currency)
      if (!result.rule) return null
      const base = result.base_unit_price_minor
      return {
        // Medusa's admin API takes (and echoes back) unit prices as numbers in
        // major units; the number is read from the exact decimal string, so
        // Medusa stores exactly this decimal.
        unit_price: Number(toMajorString(result.unit_price_minor, currency)),
        unit_price_minor: result.unit_price_minor,
        metadata: {
          contract_id: contract.id,
          contract_rule_id: result.rule.id,
          contract_rule_type: result.rule.type,
          price_explanation: result.explanation,
          ...(base !== null ? { medusa_unit_price: toMajorString(base, currency) } : {}),
        },
      }
    } catch (error) {
      if (!(error instanceof PricingError)) throw error
      const prefix = line.field ? `${line.field}.` : ""
      problems.push(`${prefix}${error instanceof QuantityRuleError ? "quantity" : "variant_id"}: ${error.message}`)
      return null
    }
  })
  if (problems.length) throw new MedusaError(MedusaError.Types.INVALID_DATA, problems.join("; "))
  return { buyer, lines: priced }
}
