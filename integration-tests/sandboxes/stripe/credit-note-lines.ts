import { checkAmountStep } from "./currency-rules"
import { decimalFromInt, formatDecimal, multiplyToMinor, parseDecimal, type Decimal } from "./decimal"
import { badRequest, invalidParam, missingParam, noSuch } from "./errors"
import { newId } from "./ids"
import { mergeMetadata, type Params } from "./params"
import type { InvoiceRecord, Store } from "./store"
import { checkTaxStep, exclusiveTaxParams, readTaxArray, refuseTaxRates } from "./tax-amounts"
import { taxEntry } from "./tax-rates"
import type { CreditNoteLineObject, LineObject, TaxObject } from "./types"

/**
 * One credit note line. Its `amount` is "the gross amount being credited for
 * this line item, excluding (exclusive) tax" (CreditNoteLineItem.amount): an
 * inclusive tax is inside it, an exclusive one comes on top (tax-totals.ts).
 */
export function readCreditLine(line: Params, record: InvoiceRecord, store: Store): CreditNoteLineObject {
  const type = line.oneOf("type", ["invoice_line_item", "custom_line_item"] as const)
  if (!type) throw missingParam(line.name("type"))
  // "A list of up to 20 tax amounts … Not valid when tax_rates is used"; the
  // sandbox has no TaxRates API, so `tax_rates` itself stays unsupported.
  exclusiveTaxParams(line, "tax_amounts", "tax_rates")
  refuseTaxRates(line)
  const currency = record.invoice.currency
  const explicitAmount = line.int("amount", { min: 0 })
  const quantity = line.int("quantity", { min: 0 })
  const base = {
    id: newId("cnli"),
    object: "credit_note_line_item" as const,
    discount_amount: 0 as const,
    discount_amounts: [] as [],
    livemode: false as const,
    metadata: mergeMetadata({}, line.metadata()),
    pretax_credit_amounts: [] as [],
    tax_rates: [] as [],
  }
  if (type === "invoice_line_item") {
    const lineId = line.requiredString("invoice_line_item")
    const invoiceLine = record.lines.find((l) => l.id === lineId)
    if (!invoiceLine) throw noSuch("invoice line item", lineId, line.name("invoice_line_item"))
    const unit = parseDecimal(invoiceLine.pricing.unit_amount_decimal) as Decimal
    const qty = quantity ?? invoiceLine.quantity
    if (quantity !== undefined && quantity > invoiceLine.quantity) {
      throw invalidParam(
        line.name("quantity"),
        `Quantity ${quantity} exceeds the invoiced quantity ${invoiceLine.quantity}.`
      )
    }
    const amount = explicitAmount ?? Number(multiplyToMinor(decimalFromInt(qty), unit))
    checkAmountStep(
      currency,
      amount,
      line.name(explicitAmount !== undefined ? "amount" : "quantity"),
      "credit note line amount"
    )
    return {
      ...base,
      amount,
      description: line.string("description") ?? invoiceLine.description,
      invoice_line_item: lineId,
      quantity: qty,
      taxes: readCreditTaxes(line, store, currency, invoiceLine),
      type,
      unit_amount: null,
      unit_amount_decimal: invoiceLine.pricing.unit_amount_decimal,
    }
  }
  const description = line.string("description")
  if (!description) throw missingParam(line.name("description"))
  const unitInt = line.int("unit_amount", { min: 0 })
  const unitDecimal = line.decimal("unit_amount_decimal")
  const unit = unitDecimal ?? (unitInt !== undefined ? decimalFromInt(unitInt) : undefined)
  if (!unit && explicitAmount === undefined) throw missingParam(line.name("unit_amount"))
  const qty = quantity ?? 1
  const amount = explicitAmount ?? Number(multiplyToMinor(decimalFromInt(qty), unit as Decimal))
  checkAmountStep(
    currency,
    amount,
    line.name(unit ? (unitDecimal ? "unit_amount_decimal" : "unit_amount") : "amount"),
    "credit note line amount"
  )
  return {
    ...base,
    amount,
    description,
    quantity: qty,
    taxes: readCreditTaxes(line, store, currency),
    type,
    unit_amount: unitInt ?? null,
    unit_amount_decimal: unit ? formatDecimal(unit) : null,
  }
}

/**
 * `lines[i][tax_amounts]`: "The id of the tax rate for this tax amount. The
 * tax rate must have been automatically created by Stripe" — i.e. one the
 * invoice's `tax_rate_data` produced (`taxes[].tax_rate_details.tax_rate`).
 * Like on invoice lines, amounts may be of either sign and `taxable_amount` is
 * not checked against the line (the spec and docs say nothing of either).
 */
function readCreditTaxes(line: Params, store: Store, currency: string, invoiceLine?: LineObject): TaxObject[] {
  if (line.data.tax_amounts === undefined) {
    // Stripe does not document how it taxes a credited invoice line that was
    // taxed with manual tax amounts when the credit note gives none; rather
    // than guess (and credit a wrong tax), the sandbox asks for them. An
    // explicit empty `tax_amounts` ("") credits the line without tax.
    if (invoiceLine && invoiceLine.taxes.length > 0) {
      throw badRequest(
        `The Stripe sandbox does not model the tax Stripe derives for a credited invoice line that carries taxes; pass \`${line.name("tax_amounts")}\` (or "" for none).`,
        "sandbox_unsupported",
        line.name("tax_amounts")
      )
    }
    return []
  }
  return readTaxArray(line).map((item) => {
    const amount = item.int("amount", { required: true }) as number
    const rateId = item.requiredString("tax_rate")
    const taxable = item.int("taxable_amount", { required: true }) as number
    const rate = store.taxRates.get(rateId)
    if (!rate) throw noSuch("tax rate", rateId, item.name("tax_rate"))
    checkTaxStep(currency, item, { amount, taxable, inclusive: rate.inclusive })
    const reason = invoiceLine?.taxes.find((t) => t.tax_rate_details.tax_rate === rateId)?.taxability_reason ?? null
    return taxEntry(rate, amount, taxable, reason)
  })
}
