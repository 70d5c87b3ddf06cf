import type { CompiledRuleSet } from "./compile-rules"
import { QuantityRuleError } from "./errors"
import { matchTarget } from "./match-target"
import type { CartLineInput, QuantityConstraintRule } from "./types"

/**
 * Throws `QuantityRuleError` when a quantity_constraint matching the line
 * refuses its quantity. Runs whatever rule prices the line. Every matching
 * constraint must hold (variant_id ones are checked before sku ones); the
 * minimum is checked before the increment.
 */
export function enforceQuantityConstraints(compiled: CompiledRuleSet, line: CartLineInput): void {
  const { byVariantId, bySku } = matchTarget(compiled.constraints, line)
  for (const constraint of [...byVariantId, ...bySku]) {
    enforceConstraint(constraint, line)
  }
}

function enforceConstraint(rule: QuantityConstraintRule, line: CartLineInput): void {
  const { quantity, variant_id } = line
  const min = rule.min_quantity
  if (min !== undefined && quantity < min) {
    throw QuantityRuleError.belowMinimum(variant_id, quantity, min, rule.id)
  }
  const step = rule.increment
  if (step === undefined) return

  // Valid quantities are min, min+step, min+2·step… or, without a minimum, step, 2·step…
  const origin = min ?? 0
  const offset = (quantity - origin) % step
  if (offset === 0) return
  const below = quantity - offset
  throw QuantityRuleError.invalidIncrement(
    variant_id,
    quantity,
    step,
    min,
    { below: below >= Math.max(origin, 1) ? below : null, above: below + step },
    rule.id
  )
}
