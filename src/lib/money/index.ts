export { currencyExponent, normalizeCurrencyCode } from "./currency"
export { parseDecimal } from "./decimal"
export type { ExactDecimal } from "./decimal"
export {
  InvalidCurrencyError,
  MoneyDivisionByZeroError,
  MoneyError,
  MoneyParseError,
  MoneyPrecisionError,
} from "./errors"
export type { MoneyErrorCode } from "./errors"
export { mulDivRound, roundHalfAwayFromZero } from "./rounding"
export { toMajorString } from "./to-major-string"
export { toMinor } from "./to-minor"
export type { MajorAmount, ToMinorOptions } from "./to-minor"
export { allocateToTarget, splitProportionally } from "./allocate"
export { fromStripeAmount, stripeCurrencyRule, toStripeAmount } from "./stripe-currency"
export type { StripeCurrencyRule } from "./stripe-currency"
