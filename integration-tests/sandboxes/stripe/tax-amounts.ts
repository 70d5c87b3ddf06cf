import { amountStep, checkAmountStep, roundsInvoiceTotal } from "./currency-rules"
import { formatDecimal, parseDecimal } from "./decimal"
import { badRequest, invalidParam, missingParam } from "./errors"
import type { Params } from "./params"

/**
 * `lines[i][tax_amounts]` of POST /v1/invoices/:id/add_lines: tax computed
 * outside Stripe. Shapes and limits from stripe/openapi spec3 (2026-09-30.endive,
 * `tax_amount_param` / `tax_rate_data_param`) and stripe@23 (2026-10-28.endive)
 * `InvoiceAddLinesParams.Line.TaxAmount`; guide: "Use tax amounts from
 * unsupported systems with Stripe Billing"
 * (https://docs.stripe.com/invoicing/taxes/manual-tax-amounts).
 */

/** "A list of up to 20 tax amounts for this line item" (add_lines and credit note lines alike). */
export const MAX_TAX_AMOUNTS = 20

const JURISDICTION_LEVELS = ["city", "country", "county", "district", "multiple", "state"] as const
/**
 * The spec marks `tax_type` and `taxability_reason` `x-stripeBypassValidation`
 * (the list may grow); the sandbox accepts exactly the pinned SDK's values.
 */
const TAX_TYPES = [
  "admissions_tax",
  "amusement_tax",
  "attendance_tax",
  "communications_tax",
  "digital_excise_tax",
  "entertainment_tax",
  "get_fund",
  "gross_receipts_tax",
  "gst",
  "hospitality_tax",
  "hst",
  "igst",
  "jct",
  "lease_tax",
  "luxury_tax",
  "mass_transit_parking_tax",
  "nhil",
  "parking_tax",
  "pst",
  "qst",
  "resort_tax",
  "retail_delivery_fee",
  "rst",
  "sales_tax",
  "service_tax",
  "tourism_tax",
  "utility_users_tax",
  "vat",
] as const
const TAXABILITY_REASONS = [
  "customer_exempt",
  "not_collecting",
  "not_subject_to_tax",
  "not_supported",
  "portion_product_exempt",
  "portion_reduced_rated",
  "portion_standard_rated",
  "product_exempt",
  "product_exempt_holiday",
  "proportionally_rated",
  "reduced_rated",
  "reverse_charge",
  "standard_rated",
  "taxable_basis_reduced",
  "zero_rated",
] as const

/** `tax_rate_data`, canonical: two requests with the same data find the same TaxRate. */
export interface TaxRateData {
  country: string | null
  description: string | null
  display_name: string
  inclusive: boolean
  jurisdiction: string | null
  jurisdiction_level: string | null
  /** Canonical decimal text ("19", "7.775"): the value is what must match, not its spelling. */
  percentage: string
  state: string | null
  tax_type: string | null
}

/** A validated tax amount, not yet bound to a TaxRate (that happens once the whole request is valid). */
export interface PendingTax {
  amount: number
  taxable_amount: number
  taxability_reason: string | null
  rate: TaxRateData
}

const nonEmpty = (p: Params, key: string) => p.data[key] !== undefined && p.data[key] !== ""

/**
 * Stripe's "You may only specify one of these parameters" for two params of a
 * line; an empty string ("clear it") does not count as specifying one.
 */
export function exclusiveTaxParams(line: Params, a: string, b: string): void {
  if (nonEmpty(line, a) && nonEmpty(line, b)) {
    throw invalidParam(line.name(a), `You may only specify one of these parameters: ${line.name(a)}, ${line.name(b)}.`)
  }
}

/** Reads and validates the array itself: emptyable, at most 20 hashes. */
export function readTaxArray(line: Params): Params[] {
  const items = line.objectArray("tax_amounts") ?? []
  if (items.length > MAX_TAX_AMOUNTS) {
    throw invalidParam(
      line.name("tax_amounts"),
      `Invalid array: ${line.name("tax_amounts")} can have at most ${MAX_TAX_AMOUNTS} items; ${items.length} were given.`
    )
  }
  return items
}

/**
 * `lines[i][tax_amounts]` of an invoice line. Stripe's rules: "You cannot set
 * tax amounts if any line item has tax_rates or if the invoice has
 * default_tax_rates or uses automatic tax." The sandbox refuses `tax_rates`,
 * `default_tax_rates` and automatic tax altogether (sandbox_unsupported), so
 * only the same-line conflict can arise here.
 */
export function readLineTaxAmounts(line: Params, currency: string): PendingTax[] {
  exclusiveTaxParams(line, "tax_amounts", "tax_rates")
  return readTaxArray(line).map((item) => {
    // Integers of either sign: the spec sets no minimum (a negative tax on a
    // negative discount line is the hub's business), and Stripe documents no
    // check of `taxable_amount` against the line's amount, so neither is made.
    const amount = item.int("amount", { required: true }) as number
    const taxable = item.int("taxable_amount", { required: true }) as number
    const rateParams = item.object("tax_rate_data", true) as Params
    const rate = readTaxRateData(rateParams)
    checkTaxStep(currency, item, { amount, taxable, inclusive: rate.inclusive })
    return {
      amount,
      taxable_amount: taxable,
      taxability_reason: item.oneOf("taxability_reason", TAXABILITY_REASONS) ?? null,
      rate,
    }
  })
}

function readTaxRateData(p: Params): TaxRateData {
  const inclusive = p.bool("inclusive")
  if (inclusive === undefined) throw missingParam(p.name("inclusive"))
  return {
    country: maxLength(p, "country", 5000),
    description: maxLength(p, "description", 5000),
    display_name: maxLength(p, "display_name", 200, true) as string,
    inclusive,
    jurisdiction: maxLength(p, "jurisdiction", 200),
    jurisdiction_level: p.oneOf("jurisdiction_level", JURISDICTION_LEVELS) ?? null,
    percentage: readPercentage(p),
    state: maxLength(p, "state", 5000),
    tax_type: p.oneOf("tax_type", TAX_TYPES) ?? null,
  }
}

/** String fields carry the spec's `maxLength`. */
function maxLength(p: Params, key: string, max: number, required = false): string | null {
  const v = p.string(key, required)
  if (v === undefined) return null
  if (v.length > max) throw invalidParam(p.name(key), `Invalid ${p.name(key)}: must be at most ${max} characters.`)
  return v
}

/**
 * "The statutory tax rate percent. This field accepts decimal values between 0
 * and 100 inclusive with at most 4 decimal places." Parsed as an exact decimal;
 * it is a rate, never money.
 */
function readPercentage(p: Params): string {
  const text = p.string("percentage", true) as string
  const d = parseDecimal(text, 4)
  const invalid = () =>
    invalidParam(
      p.name("percentage"),
      `Invalid ${p.name("percentage")}: ${text}. It must be a decimal between 0 and 100 inclusive with at most 4 decimal places.`
    )
  if (!d || d.digits < 0n) throw invalid()
  if (d.digits > 100n * 10n ** BigInt(d.scale)) throw invalid()
  return formatDecimal(d)
}

/**
 * Currency precision (currency-rules.ts) for tax amounts. Three-decimal
 * currencies: only exclusive taxes add to what is charged, so only they must end
 * in 0. ISK: "all amounts in ISK" are multiples of 100, taxable amounts too.
 * UGX: Stripe rounds a fractional invoice total itself, so tax amounts are free.
 */
export function checkTaxStep(
  currency: string,
  item: Params,
  tax: { amount: number; taxable: number; inclusive: boolean }
): void {
  const step = amountStep(currency)
  if (step === 1 || roundsInvoiceTotal(currency)) return
  if (step === 100 || !tax.inclusive) checkAmountStep(currency, tax.amount, item.name("amount"), "tax amount")
  if (step === 100) checkAmountStep(currency, tax.taxable, item.name("taxable_amount"), "taxable amount")
}

/** Refused, not ignored: silently dropping tax rates would make the totals lie. */
export function refuseTaxRates(line: Params): void {
  if (nonEmpty(line, "tax_rates")) {
    throw badRequest(
      `The Stripe sandbox does not model \`${line.name("tax_rates")}\`.`,
      "sandbox_unsupported",
      line.name("tax_rates")
    )
  }
}
