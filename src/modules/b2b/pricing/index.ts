export { compileRules } from "./compile-rules"
export type { CompiledRuleSet } from "./compile-rules"
export { InvalidLineError, InvalidPriceRulesError, NoBasePriceError, PricingError, QuantityRuleError } from "./errors"
export type { PricingErrorCode } from "./errors"
export { priceCart } from "./price-cart"
export { priceLine } from "./price-line"
export type {
  AppliedRule,
  CartLineInput,
  DiscountKind,
  DiscountRule,
  DiscountScope,
  FixedAmountDiscountRule,
  FixedPriceRule,
  LineRounding,
  PercentageDiscountRule,
  PricedCart,
  PricedLine,
  PriceRule,
  PriceTier,
  PricingRuleType,
  QuantityConstraintRule,
  RuleIssue,
  RuleLevel,
  TieredPriceRule,
  TierMode,
  VariantTarget,
} from "./types"
export { validateRules } from "./validate-rules"
