import { toMinor } from "../money"
import type { MoneyLine } from "./order-money"

/** Money of one line (item or shipping method) as documents state it: minor units as strings. */
export type OrderDocumentMoney = {
  /** As priced: gross when `tax_inclusive`, else net. Exact decimal, major units (may be finer than the currency). */
  unit_price: string
  /** `unit_price` rounded to the minor unit (use the line totals, which are exact, for money). */
  unit_price_minor: string
  tax_inclusive: boolean
  /** Σ of the line's tax rates, percent ("8.875"). */
  tax_rate: string
  /** Net of tax, before discount. */
  subtotal_minor: string
  /** Discount net of tax. */
  discount_minor: string
  discount_tax_minor: string
  /** subtotal − discount: the taxable amount. */
  net_minor: string
  tax_minor: string
  /** net + tax. */
  total_minor: string
}

/** A money-model line's money, field for field, for the order and return documents. */
export function documentLineMoney(line: MoneyLine, currency: string): OrderDocumentMoney {
  return {
    unit_price: line.unit_price,
    unit_price_minor: toMinor(line.unit_price, currency, { round: true }).toString(),
    tax_inclusive: line.tax_inclusive,
    tax_rate: line.tax_rate,
    subtotal_minor: line.subtotal_minor.toString(),
    discount_minor: line.discount_minor.toString(),
    discount_tax_minor: line.discount_tax_minor.toString(),
    net_minor: line.net_minor.toString(),
    tax_minor: line.tax_minor.toString(),
    total_minor: line.total_minor.toString(),
  }
}
