import type { RuleIssue } from "./types"

/** Stable codes callers branch on; messages are for humans and may change. */
export type PricingErrorCode =
  | "below_minimum_quantity"
  | "invalid_quantity_increment"
  | "no_base_price"
  | "invalid_line"
  | "invalid_price_rules"

export abstract class PricingError extends Error {
  abstract readonly code: PricingErrorCode

  constructor(message: string) {
    super(message)
    this.name = this.constructor.name
  }
}

/** A quantity_constraint rule refused the line's quantity. */
export class QuantityRuleError extends PricingError {
  readonly code: "below_minimum_quantity" | "invalid_quantity_increment"
  readonly variant_id: string
  readonly quantity: number
  readonly rule_id: string
  readonly min_quantity?: number
  readonly increment?: number
  /** Nearest valid quantities around the refused one; `below` is null when none is below. */
  readonly nearest_valid?: { below: number | null; above: number }

  /** Prefer belowMinimum / invalidIncrement, which write the message. */
  constructor(
    code: QuantityRuleError["code"],
    message: string,
    details: Pick<
      QuantityRuleError,
      "variant_id" | "quantity" | "rule_id" | "min_quantity" | "increment" | "nearest_valid"
    >
  ) {
    super(message)
    this.code = code
    this.variant_id = details.variant_id
    this.quantity = details.quantity
    this.rule_id = details.rule_id
    this.min_quantity = details.min_quantity
    this.increment = details.increment
    this.nearest_valid = details.nearest_valid
  }

  static belowMinimum(variantId: string, quantity: number, minQuantity: number, ruleId: string): QuantityRuleError {
    return new QuantityRuleError(
      "below_minimum_quantity",
      `Variant ${variantId}: quantity ${quantity} is below the minimum order quantity of ${minQuantity} (rule ${ruleId})`,
      { variant_id: variantId, quantity, rule_id: ruleId, min_quantity: minQuantity }
    )
  }

  static invalidIncrement(
    variantId: string,
    quantity: number,
    increment: number,
    minQuantity: number | undefined,
    nearest: { below: number | null; above: number },
    ruleId: string
  ): QuantityRuleError {
    const steps = minQuantity === undefined ? `multiples of ${increment}` : `${minQuantity} then steps of ${increment}`
    const options = nearest.below === null ? `${nearest.above}` : `${nearest.below} or ${nearest.above}`
    return new QuantityRuleError(
      "invalid_quantity_increment",
      `Variant ${variantId}: quantity ${quantity} is not orderable (${steps}); order ${options} instead (rule ${ruleId})`,
      { variant_id: variantId, quantity, rule_id: ruleId, min_quantity: minQuantity, increment, nearest_valid: nearest }
    )
  }
}

/** The line needs Medusa's price (a discount, or no rule at all) but the variant has none in this currency. */
export class NoBasePriceError extends PricingError {
  readonly code = "no_base_price" as const

  constructor(
    readonly variant_id: string,
    readonly rule_id: string | null
  ) {
    super(
      rule_id === null
        ? `Variant ${variant_id} has no contract price and no Medusa price in this currency`
        : `Variant ${variant_id} has no Medusa price in this currency for discount rule ${rule_id} to apply to`
    )
  }
}

/** The line itself is malformed (quantity not a positive integer, base price not a bigint). */
export class InvalidLineError extends PricingError {
  readonly code = "invalid_line" as const

  constructor(
    readonly variant_id: string,
    readonly field: "quantity" | "base_unit_price_minor",
    message: string
  ) {
    super(`Variant ${variant_id}: ${message}`)
  }
}

/** compileRules was given rules that validateRules refuses. */
export class InvalidPriceRulesError extends PricingError {
  readonly code = "invalid_price_rules" as const

  constructor(readonly issues: RuleIssue[]) {
    super(`Invalid price rules: ${issues.map((i) => `${i.field}: ${i.message}`).join("; ")}`)
  }
}
