/**
 * A Business Central salesOrder's amounts from what it holds (Microsoft Learn,
 * API v2.0 "salesOrderLine resource type" and "salesOrder resource type"; the
 * Base App's Sales Line `UpdateAmounts` / `UpdateVATAmounts`):
 *
 *   Line Amount          = Round(quantity × unitPrice, amount precision) − discountAmount
 *   prices exclude tax:  amountExcludingTax = Line Amount, tax = Round(Line Amount × tax % / 100)
 *   prices include tax:  amountIncludingTax = Line Amount, amountExcludingTax = Round(Line Amount / (1 + tax % / 100))
 *   document totals      = Σ of the lines'
 *
 * The tax % is what BC's setup gives the line's `taxCode` (tax group or VAT
 * product posting group): `setup.taxPercents`, 0 for a line without one. BC
 * rounds VAT per document and VAT identifier, carrying remainders between
 * lines; the sandbox rounds per line, which can differ by a minor unit when BC
 * computes the tax. It is exact when the tax is stated by the hub (all lines
 * at 0 %, the tax on its own lines). Comment lines carry no amounts.
 */
import { add, amount, amountDecimals, mulDivRound, negate, ONE, text, type Decimal } from "./amount"

type Body = Record<string, unknown>

export interface BusinessCentralSetup {
  /** The company's local currency (documents in it have `currencyCode: ""`). */
  localCurrencyCode: string
  /** Tax code → tax percent (`"VAT25": "25"`). */
  taxPercents: Record<string, string>
}

export interface BcLineAmounts {
  amountExcludingTax: string
  totalTaxAmount: string
  amountIncludingTax: string
}

export interface BcDocumentTotals {
  totalAmountExcludingTax: string
  totalTaxAmount: string
  totalAmountIncludingTax: string
}

const ZERO: Decimal = { digits: 0n, scale: 0 }
const HUNDRED: Decimal = { digits: 100n, scale: 0 }

function lineDecimals(
  line: Body,
  header: Body,
  setup: BusinessCentralSetup,
  decimals: number
): { excl: Decimal; tax: Decimal; incl: Decimal } {
  if ((line.lineType ?? "Item") === "Comment") return { excl: ZERO, tax: ZERO, incl: ZERO }
  const extended = mulDivRound(amount(line.quantity, "quantity"), amount(line.unitPrice, "unitPrice"), ONE, decimals)
  const lineAmount = add(extended, negate(amount(line.discountAmount, "discountAmount")))
  const percent = amount(setup.taxPercents[String(line.taxCode ?? "")] ?? "0", "tax percent")
  if (header.pricesIncludeTax === true) {
    const excl = mulDivRound(lineAmount, HUNDRED, add(HUNDRED, percent), decimals)
    return { excl, tax: add(lineAmount, negate(excl)), incl: lineAmount }
  }
  const tax = mulDivRound(lineAmount, percent, HUNDRED, decimals)
  return { excl: lineAmount, tax, incl: add(lineAmount, tax) }
}

const currencyOf = (header: Body, setup: BusinessCentralSetup): string =>
  String(header.currencyCode || setup.localCurrencyCode)

export function bcLineAmounts(line: Body, header: Body, setup: BusinessCentralSetup): BcLineAmounts {
  const { excl, tax, incl } = lineDecimals(line, header, setup, amountDecimals(currencyOf(header, setup)))
  return { amountExcludingTax: text(excl), totalTaxAmount: text(tax), amountIncludingTax: text(incl) }
}

export function bcDocumentTotals(header: Body, lines: Body[], setup: BusinessCentralSetup): BcDocumentTotals {
  const decimals = amountDecimals(currencyOf(header, setup))
  const all = lines.map((l) => lineDecimals(l, header, setup, decimals))
  return {
    totalAmountExcludingTax: text(add(...all.map((l) => l.excl))),
    totalTaxAmount: text(add(...all.map((l) => l.tax))),
    totalAmountIncludingTax: text(add(...all.map((l) => l.incl))),
  }
}
