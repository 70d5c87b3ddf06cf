/** Stable codes callers branch on; messages are for humans and may change. */
export type MoneyErrorCode = "invalid_currency" | "invalid_amount" | "precision_loss" | "division_by_zero"

export abstract class MoneyError extends Error {
  abstract readonly code: MoneyErrorCode

  constructor(message: string) {
    super(message)
    this.name = this.constructor.name
  }
}

/** The currency code is not three ASCII letters. */
export class InvalidCurrencyError extends MoneyError {
  readonly code = "invalid_currency" as const
}

/** The amount is not a finite decimal number (e.g. "abc", NaN, "1.2.3"). */
export class MoneyParseError extends MoneyError {
  readonly code = "invalid_amount" as const
}

/** The amount has more fractional digits than the currency's minor unit and rounding was not asked for. */
export class MoneyPrecisionError extends MoneyError {
  readonly code = "precision_loss" as const
}

/** A rounding helper was asked to divide by zero. */
export class MoneyDivisionByZeroError extends MoneyError {
  readonly code = "division_by_zero" as const
}
