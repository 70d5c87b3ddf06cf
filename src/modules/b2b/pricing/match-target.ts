import type { TargetIndex } from "./compile-rules"
import type { CartLineInput, VariantTarget } from "./types"

/**
 * Variant rules that match a line, as two groups: those naming its variant_id
 * (more specific, looked at first) and those naming only its sku. A target
 * that names both a variant_id and a sku matches only when both agree.
 */
export function matchTarget<R extends { target: VariantTarget }>(
  index: TargetIndex<R>,
  line: Pick<CartLineInput, "variant_id" | "sku">
): { byVariantId: R[]; bySku: R[] } {
  const byVariantId = (index.byVariantId.get(line.variant_id) ?? []).filter(
    (rule) => rule.target.sku === undefined || rule.target.sku === line.sku
  )
  const bySku = line.sku === undefined ? [] : [...(index.bySku.get(line.sku) ?? [])]
  return { byVariantId, bySku }
}
