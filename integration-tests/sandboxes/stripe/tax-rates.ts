import type { Handler } from "./context"
import { noSuch } from "./errors"
import { newId } from "./ids"
import type { Store } from "./store"
import type { PendingTax, TaxRateData } from "./tax-amounts"
import type { TaxObject, TaxRateObject } from "./types"

/**
 * Stripe on `tax_rate_data` (stripe@23 InvoiceAddLinesParams.Line.TaxAmount):
 * "Stripe automatically creates or reuses a TaxRate object for each tax amount.
 * If the tax_rate_data exactly matches a previous value, Stripe will reuse the
 * TaxRate object. TaxRate objects created automatically by Stripe are
 * immediately archived, do not appear in the line item's tax_rates, and cannot
 * be directly added to invoices, payments, or line items." Credit notes name
 * them back by id (`lines[i][tax_amounts][j][tax_rate]`).
 */
export function findOrCreateTaxRate(store: Store, data: TaxRateData): TaxRateObject {
  const key = JSON.stringify([
    data.display_name,
    data.inclusive,
    data.percentage,
    data.country,
    data.description,
    data.jurisdiction,
    data.jurisdiction_level,
    data.state,
    data.tax_type,
  ])
  const known = store.taxRateIdsByData.get(key)
  if (known) return store.taxRates.get(known) as TaxRateObject
  const percentage = Number(data.percentage) // a display rate (≤ 4 decimals), never money
  const rate: TaxRateObject = {
    id: newId("txr"),
    object: "tax_rate",
    active: false, // "immediately archived"
    country: data.country,
    created: store.now(),
    description: data.description,
    display_name: data.display_name,
    effective_percentage: percentage,
    flat_amount: null,
    inclusive: data.inclusive,
    jurisdiction: data.jurisdiction,
    jurisdiction_level: data.jurisdiction_level,
    livemode: false,
    metadata: {},
    percentage,
    rate_type: "percentage",
    state: data.state,
    tax_type: data.tax_type,
  }
  store.taxRates.set(rate.id, rate)
  store.taxRateIdsByData.set(key, rate.id)
  return rate
}

/**
 * A line's `taxes[]` entry. Without a `taxability_reason` in the request the
 * sandbox answers "not_available" — the value the object's enum has and the
 * parameter's enum lacks, i.e. "no reason known" (Stripe does not document the
 * default).
 */
export function taxEntry(
  rate: TaxRateObject,
  amount: number,
  taxableAmount: number | null,
  reason: string | null
): TaxObject {
  return {
    amount,
    tax_behavior: rate.inclusive ? "inclusive" : "exclusive",
    tax_rate_details: { tax_rate: rate.id },
    taxability_reason: reason ?? "not_available",
    taxable_amount: taxableAmount,
    type: "tax_rate_details",
  }
}

/** Binds validated tax amounts to their TaxRates: only called once the whole request is valid. */
export const bindTaxes = (store: Store, pending: PendingTax[]): TaxObject[] =>
  pending.map((p) => taxEntry(findOrCreateTaxRate(store, p.rate), p.amount, p.taxable_amount, p.taxability_reason))

/** GET /v1/tax_rates/:id — to read back what `tax_rate_details.tax_rate` points to. */
export const retrieveTaxRate: Handler = (ctx, _params, [id]) => {
  const rate = ctx.store.taxRates.get(id)
  if (!rate) throw noSuch("tax rate", id)
  return rate
}
