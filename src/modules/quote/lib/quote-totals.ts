// A version's money, in integer minor units (bigint): the one place a quote's totals are computed.
import type { QuoteLine } from "../models/quote-version"

export type QuoteLineInput = Omit<QuoteLine, "subtotal_minor">

export type QuoteTotals = {
  subtotal_minor: bigint
  discount_minor: bigint
  shipping_minor: bigint
  /** Before tax: taxes are computed by the region when the order is placed. */
  total_minor: bigint
}

/** Thrown for amounts no version may hold; the API turns it into a 400 naming the field. */
export class QuoteAmountError extends Error {
  constructor(
    readonly field: string,
    message: string
  ) {
    super(`${field}: ${message}`)
  }
}

/** A line with its subtotal: quantity × unit price, exact. */
export function withSubtotal(line: QuoteLineInput): QuoteLine {
  return { ...line, subtotal_minor: (BigInt(line.unit_price_minor) * BigInt(line.quantity)).toString() }
}

/**
 * subtotal − discount + shipping. A discount may not exceed the lines'
 * subtotal (an order cannot be worth less than nothing) and no amount is
 * negative.
 */
export function quoteTotals(lines: QuoteLine[], discount_minor: bigint, shipping_minor: bigint): QuoteTotals {
  if (discount_minor < 0n) throw new QuoteAmountError("discount_minor", "must not be negative")
  if (shipping_minor < 0n) throw new QuoteAmountError("shipping.amount_minor", "must not be negative")
  const subtotal_minor = lines.reduce((sum, line) => sum + BigInt(line.subtotal_minor), 0n)
  if (discount_minor > subtotal_minor) {
    throw new QuoteAmountError(
      "discount_minor",
      `${discount_minor} is more than the lines' subtotal of ${subtotal_minor}`
    )
  }
  return {
    subtotal_minor,
    discount_minor,
    shipping_minor,
    total_minor: subtotal_minor - discount_minor + shipping_minor,
  }
}
