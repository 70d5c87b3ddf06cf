// Prices a basket by one contract's rules for staff (POST /admin/contracts/:id/preview); reads only.
import type { MedusaContainer } from "@medusajs/framework/types"
import { ContainerRegistrationKeys, MedusaError } from "@medusajs/framework/utils"
import { B2B_MODULE } from "../../../modules/b2b"
import { jsonMinor } from "../../../modules/b2b/lib/buyer-views"
import { compileContractRules, toCartLine } from "../../../modules/b2b/lib/contract-pricing"
import { InvalidLineError, priceLine, PricingError, QuantityRuleError } from "../../../modules/b2b/pricing"
import type B2bModuleService from "../../../modules/b2b/service"
import { loadVariantPricingFacts } from "./variant-pricing-facts"

export type PreviewContractPricesInput = {
  contract_id: string
  items: { variant_id: string; quantity: number }[]
}

type VariantLabel = { id: string; sku: string | null; title: string | null; product?: { title: string | null } | null }

/**
 * What each line of a basket would cost under one contract, whatever its
 * status or validity window (staff check a contract before it starts, or
 * after they change a rule): the same engine and explanation text as the
 * cart, from Medusa's catalogue price in the contract's currency without a
 * customer, the base the contract's Medusa price list is computed from
 * (contract-price-list-prices.ts). 404 for an unknown contract; every line
 * that cannot be priced (unknown variant, no price, MOQ or increment) is
 * reported at once in a 400 naming `items[i].<field>`.
 */
export async function previewContractPrices(container: MedusaContainer, input: PreviewContractPricesInput) {
  const b2b = container.resolve<B2bModuleService>(B2B_MODULE)
  const [contract] = await b2b.listContracts({ id: input.contract_id }, { select: ["id", "currency_code"] })
  if (!contract) {
    throw new MedusaError(MedusaError.Types.NOT_FOUND, `Contract with id: ${input.contract_id} was not found`)
  }
  const currency = contract.currency_code.toLowerCase()
  const compiled = compileContractRules({ rules: await b2b.listRuleRecords(contract.id) })
  const ids = input.items.map((i) => i.variant_id)
  const facts = await loadVariantPricingFacts(container, ids, { currency_code: currency })
  const labels = await variantLabels(container, ids)

  const problems: string[] = []
  let total = 0n
  const lines = input.items.flatMap((item, index) => {
    const variant = facts.get(item.variant_id)
    if (!variant) {
      problems.push(`items[${index}].variant_id: variant ${item.variant_id} does not exist`)
      return []
    }
    try {
      const line = priceLine(compiled, toCartLine(variant, item.quantity), currency)
      const label = labels.get(item.variant_id)
      total += line.line_total_minor
      return [
        {
          variant_id: line.variant_id,
          sku: label?.sku ?? null,
          title: [label?.product?.title, label?.title].filter(Boolean).join(" — ") || line.variant_id,
          quantity: line.quantity,
          unit_price_minor: jsonMinor(line.unit_price_minor),
          line_total_minor: jsonMinor(line.line_total_minor),
          catalogue_unit_price_minor:
            line.base_unit_price_minor === null ? null : jsonMinor(line.base_unit_price_minor),
          rule: line.rule,
          explanation: line.explanation,
        },
      ]
    } catch (error) {
      if (!(error instanceof PricingError)) throw error
      const field =
        error instanceof QuantityRuleError || (error instanceof InvalidLineError && error.field === "quantity")
          ? "quantity"
          : "variant_id"
      problems.push(`items[${index}].${field}: ${error.message}`)
      return []
    }
  })
  if (problems.length) throw new MedusaError(MedusaError.Types.INVALID_DATA, problems.join("; "))

  return {
    contract_id: contract.id,
    currency_code: currency,
    lines,
    total_minor: jsonMinor(total),
  }
}

/** Product and variant titles and SKUs, so a preview line says what it is. */
async function variantLabels(container: MedusaContainer, ids: string[]): Promise<Map<string, VariantLabel>> {
  const query = container.resolve(ContainerRegistrationKeys.QUERY)
  const { data } = await query.graph({
    entity: "variant",
    fields: ["id", "sku", "title", "product.title"],
    filters: { id: [...new Set(ids)] },
  })
  return new Map((data as VariantLabel[]).map((v) => [v.id, v]))
}
