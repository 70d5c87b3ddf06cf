import { createStep, StepResponse } from "@medusajs/framework/workflows-sdk"
import type { MedusaContainer } from "@medusajs/framework/types"
import { MedusaError, Modules } from "@medusajs/framework/utils"
import type { RuleIssue } from "../../../modules/b2b/pricing"
import { ruleInputIssues, type RuleInput } from "../../../modules/b2b/lib/rule-input"

export const validateContractRulesStepId = "validate-contract-rules-step"

export type ValidateContractRulesStepInput = {
  /** The contract's currency (lower case). */
  currency_code: string
  rules: RuleInput[]
  /**
   * How fields are named in the error: "rules" gives `rules[2].tiers[0].min_quantity`
   * (a list in the body); null gives `tiers[0].min_quantity` (one rule is the body).
   */
  field_prefix: "rules" | null
}

/**
 * Checks rules the way pricing will read them (tiers ascending from 1,
 * percentages in (0, 100], a variant or SKU target…) and that the variants,
 * products, categories and collections they name exist. Every problem is
 * listed in one 400 naming its field. Read-only.
 */
export const validateContractRulesStep = createStep(
  validateContractRulesStepId,
  async (input: ValidateContractRulesStepInput, { container }) => {
    const issues = ruleInputIssues(input.rules, input.currency_code, input.field_prefix)
    if (!issues.length) issues.push(...(await missingTargets(container, input)))
    if (issues.length) {
      throw new MedusaError(MedusaError.Types.INVALID_DATA, issues.map((i) => `${i.field}: ${i.message}`).join("; "))
    }
    return new StepResponse(undefined)
  }
)

const SCOPE_LISTERS = {
  product: "listProducts",
  category: "listProductCategories",
  collection: "listProductCollections",
} as const

/** Rules naming a variant, product, category or collection id that does not exist. */
async function missingTargets(container: MedusaContainer, input: ValidateContractRulesStepInput): Promise<RuleIssue[]> {
  const product = container.resolve(Modules.PRODUCT)
  const name = (i: number, field: string) => (input.field_prefix ? `${input.field_prefix}[${i}].${field}` : field)
  const wanted: { index: number; kind: "variant" | keyof typeof SCOPE_LISTERS; id: string; field: string }[] = []
  input.rules.forEach((rule, index) => {
    if (rule.type === "discount") {
      if (rule.scope !== "catalogue" && rule.scope_id)
        wanted.push({ index, kind: rule.scope, id: rule.scope_id, field: "scope_id" })
    } else if (rule.variant_id) {
      wanted.push({ index, kind: "variant", id: rule.variant_id, field: "variant_id" })
    }
  })
  const found = new Set<string>()
  for (const kind of ["variant", "product", "category", "collection"] as const) {
    const ids = [...new Set(wanted.filter((w) => w.kind === kind).map((w) => w.id))]
    if (!ids.length) continue
    const lister = kind === "variant" ? "listProductVariants" : SCOPE_LISTERS[kind]
    const rows: { id: string }[] = await product[lister]({ id: ids }, { select: ["id"], take: ids.length })
    rows.forEach((row) => found.add(`${kind}:${row.id}`))
  }
  return wanted
    .filter((w) => !found.has(`${w.kind}:${w.id}`))
    .map((w) => ({ field: name(w.index, w.field), message: `${w.kind} ${w.id} does not exist` }))
}
