// Prices a list of items for a buyer as its cart would (POST /store/b2b/price-quote); reads only.
import type { MedusaContainer } from "@medusajs/framework/types"
import { MedusaError, Modules } from "@medusajs/framework/utils"
import { B2B_MODULE } from "../../../modules/b2b"
import {
  priceLine,
  PricingError,
  QuantityRuleError,
  NoBasePriceError,
  InvalidLineError,
} from "../../../modules/b2b/pricing"
import type { PricedLine } from "../../../modules/b2b/pricing"
import type B2bModuleService from "../../../modules/b2b/service"
import { jsonMinor } from "../../../modules/b2b/lib/buyer-views"
import { resolveEmployee } from "./contract-for-customer"
import { compileContractRules, toCartLine } from "../../../modules/b2b/lib/contract-pricing"
import { loadVariantPricingFacts } from "./variant-pricing-facts"

export type QuoteContractPricesInput = {
  customer_id: string
  /** Defaults to the region's currency, else the company's. */
  currency_code?: string
  /** Medusa's base prices are looked up in this region (region price rules). */
  region_id?: string
  items: { variant_id: string; quantity: number }[]
}

/**
 * Prices a list of items for a buyer exactly as its cart would be priced
 * (same engine, same Medusa base prices, same contract resolution), with the
 * rule and a readable explanation per line. Every line that cannot be priced
 * is reported at once in a 400 naming `items[i].<field>`.
 */
export async function quoteContractPrices(container: MedusaContainer, input: QuoteContractPricesInput) {
  const buyer = await resolveEmployee(container, input.customer_id)
  if (!buyer) throw new MedusaError(MedusaError.Types.NOT_FOUND, "You are not an employee of any company")
  const currency = await quoteCurrency(container, input, buyer.company.currency_code)

  const b2b = container.resolve<B2bModuleService>(B2B_MODULE)
  const resolved = await b2b.resolveActiveContract(buyer.company.id, currency)
  const compiled = compileContractRules(resolved?.contract ?? null)
  const facts = await loadVariantPricingFacts(
    container,
    input.items.map((i) => i.variant_id),
    { currency_code: currency, region_id: input.region_id, customer_id: input.customer_id }
  )

  const problems: string[] = []
  const lines: PricedLine[] = []
  input.items.forEach((item, index) => {
    const variant = facts.get(item.variant_id)
    if (!variant) {
      problems.push(`items[${index}].variant_id: variant ${item.variant_id} does not exist`)
      return
    }
    try {
      lines.push(priceLine(compiled, toCartLine(variant, item.quantity), currency))
    } catch (error) {
      if (!(error instanceof PricingError)) throw error
      problems.push(`items[${index}].${fieldOf(error)}: ${error.message}`)
    }
  })
  if (problems.length) throw new MedusaError(MedusaError.Types.INVALID_DATA, problems.join("; "))

  const total = lines.reduce((sum, line) => sum + line.line_total_minor, 0n)
  return {
    currency_code: currency,
    company_id: buyer.company.id,
    contract_id: resolved?.contract.id ?? null,
    contract_company_id: resolved?.owner_company_id ?? null,
    lines: lines.map(lineForBuyer),
    total_minor: jsonMinor(total),
  }
}

async function quoteCurrency(
  container: MedusaContainer,
  input: QuoteContractPricesInput,
  companyCurrency: string
): Promise<string> {
  if (!input.region_id) return (input.currency_code ?? companyCurrency).toLowerCase()
  const [region] = await container
    .resolve(Modules.REGION)
    .listRegions({ id: input.region_id }, { select: ["id", "currency_code"] })
  if (!region)
    throw new MedusaError(MedusaError.Types.INVALID_DATA, `region_id: region ${input.region_id} does not exist`)
  if (input.currency_code && input.currency_code.toLowerCase() !== region.currency_code) {
    throw new MedusaError(
      MedusaError.Types.INVALID_DATA,
      `currency_code: region ${region.id} prices in ${region.currency_code.toUpperCase()}, not ${input.currency_code.toUpperCase()}`
    )
  }
  return region.currency_code
}

function fieldOf(error: PricingError): string {
  if (error instanceof QuantityRuleError) return "quantity"
  if (error instanceof InvalidLineError) return error.field === "quantity" ? "quantity" : "variant_id"
  if (error instanceof NoBasePriceError) return "variant_id"
  return "variant_id"
}

function lineForBuyer(line: PricedLine) {
  return {
    variant_id: line.variant_id,
    quantity: line.quantity,
    unit_price_minor: jsonMinor(line.unit_price_minor),
    line_total_minor: jsonMinor(line.line_total_minor),
    base_unit_price_minor: line.base_unit_price_minor === null ? null : jsonMinor(line.base_unit_price_minor),
    rule: line.rule,
    explanation: line.explanation,
    ...(line.rounding
      ? {
          rounding: {
            exact_total_minor: jsonMinor(line.rounding.exact_total_minor),
            line_total_minor: jsonMinor(line.rounding.line_total_minor),
            rounding_delta_minor: jsonMinor(line.rounding.rounding_delta_minor),
          },
        }
      : {}),
  }
}
